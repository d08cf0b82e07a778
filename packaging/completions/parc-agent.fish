function __parc-agent_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __parc-agent_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __parc-agent_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __parc-agent_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __parc-agent_parse_tokens -S
    set -l unparsed_tokens (__parc-agent_tokens -pc)
    switch $unparsed_tokens[1]
    case 'parc-agent'
        __parc-agent_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'inventory'
            __parc-agent_parse_subcommand 0 'root=' 'format=' 'only=' 'version' 'h/help'
        case 'enroll'
            __parc-agent_parse_subcommand 0 'server=' 'token=' 'ca-fingerprint=' 'ca-file=' 'state-dir=' 'config=' 'force' 'version' 'h/help'
        case 'report'
            __parc-agent_parse_subcommand 0 'state-dir=' 'config=' 'root=' 'version' 'h/help'
        case 'run'
            __parc-agent_parse_subcommand 0 'state-dir=' 'config=' 'interval=' 'root=' 'version' 'h/help'
        case 'status'
            __parc-agent_parse_subcommand 0 'state-dir=' 'config=' 'version' 'h/help'
        case 'renew'
            __parc-agent_parse_subcommand 0 'state-dir=' 'config=' 'version' 'h/help'
        case 'help'
            __parc-agent_parse_subcommand -r 1 'version'
        end
    end
end

function __parc-agent_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __parc-agent_parse_subcommand -S -a positional_count
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

function __parc-agent_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __parc-agent_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__parc-agent_tokens -p)
    if test -z "$(__parc-agent_tokens -t)"
        set -l index (count (__parc-agent_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'parc-agent' -f
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent" version' -l 'version' -d 'Show the version.'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_positional "parc-agent" -eq 1' -fa 'inventory' -d 'Print this machine\'s inventory.'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_positional "parc-agent" -eq 1' -fa 'enroll' -d 'Enroll this machine with a Parc server (once).'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_positional "parc-agent" -eq 1' -fa 'report' -d 'Inventory this machine and report it to the server now.'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_positional "parc-agent" -eq 1' -fa 'run' -d 'Report on a schedule until stopped (what the systemd service runs).'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_positional "parc-agent" -eq 1' -fa 'status' -d 'Show enrollment and server.'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_positional "parc-agent" -eq 1' -fa 'renew' -d 'Get a new key and certificate now (reports renew automatically 30 days before expiry).'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_positional "parc-agent" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent inventory" root' -l 'root' -d 'Read every file under this directory instead of /.' -rfka ''
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent inventory" format' -l 'format' -d 'text (a summary) or json (the full inventory, as reported).' -rfka 'text json'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent inventory" only' -l 'only' -d 'Only these sections, comma-separated.' -rfka ''
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent inventory" version' -l 'version' -d 'Show the version.'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent inventory" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent enroll" server' -l 'server' -d 'Server URL, https://HOST:PORT.' -rfka ''
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent enroll" token' -l 'token' -d 'Enrollment token from \'parcctl enroll-token create\'.' -rfka ''
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent enroll" ca-fingerprint' -l 'ca-fingerprint' -d 'The server CA\'s sha256: fingerprint.' -rfka ''
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent enroll" ca-file' -l 'ca-file' -d 'The server CA certificate file, instead of a fingerprint.' -rfka ''
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent enroll" state-dir' -l 'state-dir' -d 'Where the agent keeps its key, certificate, identity and spool. [PARC_AGENT_STATE_DIR] (default: /var/lib/parc-agent)' -rfka ''
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent enroll" config' -l 'config' -d 'Configuration file of KEY=value lines. [env: PARC_AGENT_CONFIG] (default: /etc/parc-agent/agent.conf)' -rfka ''
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent enroll" force' -l 'force' -d 'Enroll again, replacing this machine\'s identity.'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent enroll" version' -l 'version' -d 'Show the version.'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent enroll" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent report" state-dir' -l 'state-dir' -d 'Where the agent keeps its key, certificate, identity and spool. [PARC_AGENT_STATE_DIR] (default: /var/lib/parc-agent)' -rfka ''
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent report" config' -l 'config' -d 'Configuration file of KEY=value lines. [env: PARC_AGENT_CONFIG] (default: /etc/parc-agent/agent.conf)' -rfka ''
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent report" root' -l 'root' -d 'Read this directory instead of / (for tests and demos).' -rfka ''
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent report" version' -l 'version' -d 'Show the version.'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent report" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent run" state-dir' -l 'state-dir' -d 'Where the agent keeps its key, certificate, identity and spool. [PARC_AGENT_STATE_DIR] (default: /var/lib/parc-agent)' -rfka ''
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent run" config' -l 'config' -d 'Configuration file of KEY=value lines. [env: PARC_AGENT_CONFIG] (default: /etc/parc-agent/agent.conf)' -rfka ''
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent run" interval' -l 'interval' -d 'Seconds between reports until the server says otherwise. [PARC_AGENT_INTERVAL] (default: 3600)' -rfka ''
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent run" root' -l 'root' -d 'Read this directory instead of /.' -rfka ''
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent run" version' -l 'version' -d 'Show the version.'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent status" state-dir' -l 'state-dir' -d 'Where the agent keeps its key, certificate, identity and spool. [PARC_AGENT_STATE_DIR] (default: /var/lib/parc-agent)' -rfka ''
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent status" config' -l 'config' -d 'Configuration file of KEY=value lines. [env: PARC_AGENT_CONFIG] (default: /etc/parc-agent/agent.conf)' -rfka ''
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent status" version' -l 'version' -d 'Show the version.'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent renew" state-dir' -l 'state-dir' -d 'Where the agent keeps its key, certificate, identity and spool. [PARC_AGENT_STATE_DIR] (default: /var/lib/parc-agent)' -rfka ''
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent renew" config' -l 'config' -d 'Configuration file of KEY=value lines. [env: PARC_AGENT_CONFIG] (default: /etc/parc-agent/agent.conf)' -rfka ''
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent renew" version' -l 'version' -d 'Show the version.'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent renew" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parc-agent' -n '__parc-agent_should_offer_completions_for_flags_or_options "parc-agent help" version' -l 'version' -d 'Show the version.'
