function __parcctl_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __parcctl_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __parcctl_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __parcctl_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __parcctl_parse_tokens -S
    set -l unparsed_tokens (__parcctl_tokens -pc)
    switch $unparsed_tokens[1]
    case 'parcctl'
        __parcctl_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'login'
            __parcctl_parse_subcommand 0 'server=' 'token=' 'ca-fingerprint=' 'ca-file=' 'version' 'h/help'
        case 'whoami'
            __parcctl_parse_subcommand 0 'server=' 'token=' 'ca=' 'json' 'version' 'h/help'
        case 'client'
            __parcctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'create'
                __parcctl_parse_subcommand 1 'server=' 'token=' 'ca=' 'name=' 'siren=' 'siret=' 'vat-number=' 'email=' 'currency=' 'vat-rate=' 'notes=' 'address-line1=' 'address-line2=' 'postal-code=' 'city=' 'country=' 'json' 'version' 'h/help'
            case 'list'
                __parcctl_parse_subcommand 0 'server=' 'token=' 'ca=' 'search=' 'all' 'limit=' 'offset=' 'json' 'version' 'h/help'
            case 'show'
                __parcctl_parse_subcommand 1 'server=' 'token=' 'ca=' 'json' 'version' 'h/help'
            case 'update'
                __parcctl_parse_subcommand 1 'server=' 'token=' 'ca=' 'name=' 'siren=' 'siret=' 'vat-number=' 'email=' 'currency=' 'vat-rate=' 'notes=' 'address-line1=' 'address-line2=' 'postal-code=' 'city=' 'country=' 'deactivate' 'activate' 'json' 'version' 'h/help'
            end
        case 'employee'
            __parcctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'add'
                __parcctl_parse_subcommand 0 'server=' 'token=' 'ca=' 'client=' 'name=' 'email=' 'department=' 'site=' 'json' 'version' 'h/help'
            case 'list'
                __parcctl_parse_subcommand 0 'server=' 'token=' 'ca=' 'client=' 'search=' 'all' 'limit=' 'offset=' 'json' 'version' 'h/help'
            case 'update'
                __parcctl_parse_subcommand 1 'server=' 'token=' 'ca=' 'name=' 'email=' 'department=' 'site=' 'deactivate' 'activate' 'json' 'version' 'h/help'
            end
        case 'site'
            __parcctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'add'
                __parcctl_parse_subcommand 0 'server=' 'token=' 'ca=' 'client=' 'name=' 'address-line1=' 'postal-code=' 'city=' 'country=' 'notes=' 'json' 'version' 'h/help'
            case 'list'
                __parcctl_parse_subcommand 0 'server=' 'token=' 'ca=' 'client=' 'json' 'version' 'h/help'
            case 'update'
                __parcctl_parse_subcommand 1 'server=' 'token=' 'ca=' 'name=' 'notes=' 'deactivate' 'activate' 'json' 'version' 'h/help'
            end
        case 'staff'
            __parcctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'create'
                __parcctl_parse_subcommand 0 'server=' 'token=' 'ca=' 'email=' 'name=' 'role=' 'json' 'version' 'h/help'
            case 'list'
                __parcctl_parse_subcommand 0 'server=' 'token=' 'ca=' 'search=' 'limit=' 'offset=' 'json' 'version' 'h/help'
            case 'update'
                __parcctl_parse_subcommand 1 'server=' 'token=' 'ca=' 'name=' 'role=' 'deactivate' 'activate' 'json' 'version' 'h/help'
            end
        case 'token'
            __parcctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'create'
                __parcctl_parse_subcommand 0 'server=' 'token=' 'ca=' 'label=' 'staff=' 'expires-days=' 'json' 'version' 'h/help'
            case 'list'
                __parcctl_parse_subcommand 0 'server=' 'token=' 'ca=' 'json' 'version' 'h/help'
            case 'revoke'
                __parcctl_parse_subcommand 1 'server=' 'token=' 'ca=' 'version' 'h/help'
            end
        case 'enroll-token'
            __parcctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'create'
                __parcctl_parse_subcommand 0 'server=' 'token=' 'ca=' 'client=' 'uses=' 'expires=' 'label=' 'json' 'version' 'h/help'
            case 'list'
                __parcctl_parse_subcommand 0 'server=' 'token=' 'ca=' 'client=' 'json' 'version' 'h/help'
            case 'revoke'
                __parcctl_parse_subcommand 1 'server=' 'token=' 'ca=' 'version' 'h/help'
            end
        case 'agent'
            __parcctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __parcctl_parse_subcommand 0 'server=' 'token=' 'ca=' 'client=' 'search=' 'all' 'limit=' 'offset=' 'json' 'version' 'h/help'
            case 'show'
                __parcctl_parse_subcommand 1 'server=' 'token=' 'ca=' 'json' 'version' 'h/help'
            case 'revoke'
                __parcctl_parse_subcommand 1 'server=' 'token=' 'ca=' 'version' 'h/help'
            end
        case 'help'
            __parcctl_parse_subcommand -r 1 'version'
        end
    end
end

function __parcctl_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __parcctl_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __parcctl_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __parcctl_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__parcctl_tokens -p)
    if test -z "$(__parcctl_tokens -t)"
        set -l index (count (__parcctl_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'parcctl' -f
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl" -eq 1' -fa 'login' -d 'Check a server, token and CA, then save them for later commands.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl" -eq 1' -fa 'whoami' -d 'Show who the token belongs to.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl" -eq 1' -fa 'client' -d 'Client companies: create, list, show, update.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl" -eq 1' -fa 'employee' -d 'A client\'s employees, who equipment is assigned to.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl" -eq 1' -fa 'site' -d 'A client\'s sites and locations.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl" -eq 1' -fa 'staff' -d 'The provider\'s staff users (managers only).'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl" -eq 1' -fa 'token' -d 'API tokens: create (shown once), list, revoke.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl" -eq 1' -fa 'enroll-token' -d 'Tokens that let agents enroll for one client.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl" -eq 1' -fa 'agent' -d 'Enrolled agents: list, show, revoke.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl login" server' -l 'server' -d 'Server URL, e.g. https://127.0.0.1:8443.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl login" token' -l 'token' -d 'Staff API token (parc-server init prints the first one).' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl login" ca-fingerprint' -l 'ca-fingerprint' -d 'The CA\'s sha256: fingerprint, as parc-server init prints it.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl login" ca-file' -l 'ca-file' -d 'The CA certificate file, instead of a fingerprint.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl login" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl login" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl whoami" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl whoami" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl whoami" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl whoami" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl whoami" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl whoami" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl client" -eq 1' -fa 'create' -d 'Create a client.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl client" -eq 1' -fa 'list' -d 'List clients.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl client" -eq 1' -fa 'show' -d 'Show one client.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl client" -eq 1' -fa 'update' -d 'Change a client. Only the options given change; pass "" to clear a text field.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client create" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client create" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client create" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client create" name' -l 'name' -d 'Company name.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client create" siren' -l 'siren' -d 'SIREN (9 digits).' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client create" siret' -l 'siret' -d 'SIRET (14 digits).' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client create" vat-number' -l 'vat-number' -d 'Intra-community VAT number, e.g. FR44732829320.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client create" email' -l 'email' -d 'Contact email.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client create" currency' -l 'currency' -d 'Currency (ISO 4217). (default: EUR)' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client create" vat-rate' -l 'vat-rate' -d 'Default VAT rate in percent, e.g. 20 or 5.5. (default: 20)' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client create" notes' -l 'notes' -d 'Free notes.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client create" address-line1' -l 'address-line1' -d 'Billing address, first line.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client create" address-line2' -l 'address-line2' -d 'Billing address, second line.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client create" postal-code' -l 'postal-code' -d 'Billing address postal code.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client create" city' -l 'city' -d 'Billing address city.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client create" country' -l 'country' -d 'Billing address country (ISO code).' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client create" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client create" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client list" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client list" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client list" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client list" search' -l 'search' -d 'Only clients whose code or name contains this text.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client list" all' -l 'all' -d 'Include deactivated clients.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client list" limit' -l 'limit' -d 'At most this many (1–500). (default: 50)' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client list" offset' -l 'offset' -d 'Skip this many.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client list" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client list" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client show" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client show" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client show" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client show" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client show" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" name' -l 'name' -d 'Company name.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" siren' -l 'siren' -d 'SIREN (9 digits).' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" siret' -l 'siret' -d 'SIRET (14 digits).' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" vat-number' -l 'vat-number' -d 'VAT number.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" email' -l 'email' -d 'Contact email.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" currency' -l 'currency' -d 'Currency (ISO 4217).' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" vat-rate' -l 'vat-rate' -d 'Default VAT rate in percent.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" notes' -l 'notes' -d 'Free notes.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" address-line1' -l 'address-line1' -d 'Billing address, first line.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" address-line2' -l 'address-line2' -d 'Billing address, second line.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" postal-code' -l 'postal-code' -d 'Billing address postal code.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" city' -l 'city' -d 'Billing address city.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" country' -l 'country' -d 'Billing address country (ISO code).' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" deactivate' -l 'deactivate' -d 'Deactivate the client (managers only).'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" activate' -l 'activate' -d 'Reactivate the client (managers only).'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl client update" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl employee" -eq 1' -fa 'add' -d 'Add an employee to a client.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl employee" -eq 1' -fa 'list' -d 'List a client\'s employees.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl employee" -eq 1' -fa 'update' -d 'Change an employee. Pass "" to clear a text field, --site 0 to clear the site.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee add" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee add" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee add" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee add" client' -l 'client' -d 'Client code.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee add" name' -l 'name' -d 'Full name.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee add" email' -l 'email' -d 'Email (unique within the client).' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee add" department' -l 'department' -d 'Department.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee add" site' -l 'site' -d 'Site id (see \'parcctl site list\').' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee add" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee add" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee add" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee list" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee list" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee list" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee list" client' -l 'client' -d 'Client code.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee list" search' -l 'search' -d 'Only names, emails or departments containing this text.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee list" all' -l 'all' -d 'Include deactivated employees.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee list" limit' -l 'limit' -d 'At most this many (1–500). (default: 50)' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee list" offset' -l 'offset' -d 'Skip this many.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee list" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee list" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee update" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee update" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee update" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee update" name' -l 'name' -d 'Full name.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee update" email' -l 'email' -d 'Email.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee update" department' -l 'department' -d 'Department.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee update" site' -l 'site' -d 'Site id (0 clears it).' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee update" deactivate' -l 'deactivate' -d 'Mark as having left the client.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee update" activate' -l 'activate' -d 'Mark as active again.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee update" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee update" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl employee update" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl site" -eq 1' -fa 'add' -d 'Add a site to a client.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl site" -eq 1' -fa 'list' -d 'List a client\'s sites.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl site" -eq 1' -fa 'update' -d 'Change a site; --deactivate when the client leaves it.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site add" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site add" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site add" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site add" client' -l 'client' -d 'Client code.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site add" name' -l 'name' -d 'Site name (unique within the client).' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site add" address-line1' -l 'address-line1' -d 'Address, first line.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site add" postal-code' -l 'postal-code' -d 'Postal code.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site add" city' -l 'city' -d 'City.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site add" country' -l 'country' -d 'Country (ISO code). (default: FR)' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site add" notes' -l 'notes' -d 'Free notes.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site add" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site add" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site add" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site list" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site list" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site list" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site list" client' -l 'client' -d 'Client code.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site list" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site list" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site update" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site update" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site update" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site update" name' -l 'name' -d 'Site name.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site update" notes' -l 'notes' -d 'Free notes ("" clears them).' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site update" deactivate' -l 'deactivate' -d 'Deactivate the site.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site update" activate' -l 'activate' -d 'Reactivate the site.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site update" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site update" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl site update" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl staff" -eq 1' -fa 'create' -d 'Create a staff user.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl staff" -eq 1' -fa 'list' -d 'List staff users.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl staff" -eq 1' -fa 'update' -d 'Change a staff user\'s name, role or status.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff create" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff create" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff create" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff create" email' -l 'email' -d 'Email, their login.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff create" name' -l 'name' -d 'Full name.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff create" role' -l 'role' -d 'manager, technician or billing.' -rfka 'manager technician billing'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff create" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff create" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff list" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff list" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff list" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff list" search' -l 'search' -d 'Only emails or names containing this text.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff list" limit' -l 'limit' -d 'At most this many (1–500). (default: 50)' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff list" offset' -l 'offset' -d 'Skip this many.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff list" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff list" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff update" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff update" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff update" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff update" name' -l 'name' -d 'Full name.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff update" role' -l 'role' -d 'manager, technician or billing.' -rfka 'manager technician billing'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff update" deactivate' -l 'deactivate' -d 'Deactivate: their tokens stop working at once.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff update" activate' -l 'activate' -d 'Reactivate.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff update" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff update" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl staff update" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl token" -eq 1' -fa 'create' -d 'Create an API token; the secret is printed once.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl token" -eq 1' -fa 'list' -d 'List tokens (yours; managers see everyone\'s).'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl token" -eq 1' -fa 'revoke' -d 'Revoke a token; it stops working at once.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token create" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token create" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token create" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token create" label' -l 'label' -d 'What the token is for, e.g. \'laptop\' or \'ERP sync\'.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token create" staff' -l 'staff' -d 'Staff user id to create it for (managers only). (default: yourself)' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token create" expires-days' -l 'expires-days' -d 'Expire after this many days. (default: never)' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token create" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token create" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token list" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token list" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token list" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token list" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token list" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token revoke" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token revoke" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token revoke" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token revoke" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl token revoke" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl enroll-token" -eq 1' -fa 'create' -d 'Create an enrollment token; the secret is printed once.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl enroll-token" -eq 1' -fa 'list' -d 'List enrollment tokens.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl enroll-token" -eq 1' -fa 'revoke' -d 'Revoke an enrollment token at once.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token create" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token create" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token create" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token create" client' -l 'client' -d 'Client code.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token create" uses' -l 'uses' -d 'How many agents may enroll with it. (default: 1)' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token create" expires' -l 'expires' -d 'Lifetime: Nd (days) or Nh (hours). (default: 7d)' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token create" label' -l 'label' -d 'A note, e.g. \'office rollout\'.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token create" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token create" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token list" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token list" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token list" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token list" client' -l 'client' -d 'Only this client\'s.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token list" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token list" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token revoke" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token revoke" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token revoke" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token revoke" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl enroll-token revoke" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl agent" -eq 1' -fa 'list' -d 'List agents.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl agent" -eq 1' -fa 'show' -d 'Show one agent.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_positional "parcctl agent" -eq 1' -fa 'revoke' -d 'Revoke an agent: the server refuses its certificate from now on.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent list" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent list" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent list" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent list" client' -l 'client' -d 'Only this client\'s.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent list" search' -l 'search' -d 'Only host names containing this text.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent list" all' -l 'all' -d 'Include revoked agents.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent list" limit' -l 'limit' -d 'At most this many (1–500). (default: 50)' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent list" offset' -l 'offset' -d 'Skip this many.' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent list" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent list" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent show" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent show" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent show" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent show" json' -l 'json' -d 'Print JSON.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent show" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent revoke" server' -l 'server' -d 'Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent revoke" token' -l 'token' -d 'Staff API token. [env: PARC_TOKEN]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent revoke" ca' -l 'ca' -d 'The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]' -rfka ''
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent revoke" version' -l 'version' -d 'Show the version.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl agent revoke" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parcctl' -n '__parcctl_should_offer_completions_for_flags_or_options "parcctl help" version' -l 'version' -d 'Show the version.'
