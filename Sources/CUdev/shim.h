// libudev, for hardware names from the udev hwdb (Debian: libudev-dev).
#include <libudev.h>
