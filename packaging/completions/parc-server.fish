function __parc-server_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __parc-server_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __parc-server_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __parc-server_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __parc-server_parse_tokens -S
    set -l unparsed_tokens (__parc-server_tokens -pc)
    switch $unparsed_tokens[1]
    case 'parc-server'
        __parc-server_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'init'
            __parc-server_parse_subcommand 0 'data-dir=' 'database=' 'log-level=' 'log-format=' 'hostname=+' 'json' 'version' 'h/help'
        case 'serve'
            __parc-server_parse_subcommand 0 'data-dir=' 'database=' 'log-level=' 'log-format=' 'listen=' 'hostname=+' 'maintenance-every=' 'billing-every=' 'alerts-every=' 'webhook-allow=' 'webhook-retries=' 'webhook-timeout=' 'max-connections=' 'handshake-timeout=' 'idle-timeout=' 'version' 'h/help'
        case 'migrate'
            __parc-server_parse_subcommand 0 'data-dir=' 'database=' 'log-level=' 'log-format=' 'version' 'h/help'
        case 'cert'
            __parc-server_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'reissue'
                __parc-server_parse_subcommand 0 'data-dir=' 'database=' 'log-level=' 'log-format=' 'hostname=+' 'json' 'version' 'h/help'
            end
        case 'help'
            __parc-server_parse_subcommand -r 1 'version'
        end
    end
end

function __parc-server_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __parc-server_parse_subcommand -S -a positional_count
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

function __parc-server_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __parc-server_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__parc-server_tokens -p)
    if test -z "$(__parc-server_tokens -t)"
        set -l index (count (__parc-server_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'parc-server' -f
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server" version' -l 'version' -d 'Show the version.'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_positional "parc-server" -eq 1' -fa 'init' -d 'Create the data directory, database, CA, server certificate and a first manager token.'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_positional "parc-server" -eq 1' -fa 'serve' -d 'Run the HTTPS server (staff API, agent API, portal).'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_positional "parc-server" -eq 1' -fa 'migrate' -d 'Apply pending database migrations (serve also does this on start).'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_positional "parc-server" -eq 1' -fa 'cert' -d 'The server\'s TLS certificate.'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_positional "parc-server" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server init" data-dir' -l 'data-dir' -d 'Data directory: CA, certificates, SQLite database. [env: PARC_DATA_DIR] (default: /var/lib/parc-server)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server init" database' -l 'database' -d 'sqlite:PATH or postgres://user:password@host[:port]/database. [env: PARC_DATABASE] (default: sqlite in the data directory)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server init" log-level' -l 'log-level' -d 'trace, debug, info, notice, warning, error or critical. [env: PARC_LOG_LEVEL] (default: info)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server init" log-format' -l 'log-format' -d 'text or json. [env: PARC_LOG_FORMAT] (default: text)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server init"' -l 'hostname' -d 'A DNS name or IP the server certificate covers; repeat for several. (default: localhost, 127.0.0.1)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server init" json' -l 'json' -d 'Print the result as JSON, for scripts.'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server init" version' -l 'version' -d 'Show the version.'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server serve" data-dir' -l 'data-dir' -d 'Data directory: CA, certificates, SQLite database. [env: PARC_DATA_DIR] (default: /var/lib/parc-server)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server serve" database' -l 'database' -d 'sqlite:PATH or postgres://user:password@host[:port]/database. [env: PARC_DATABASE] (default: sqlite in the data directory)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server serve" log-level' -l 'log-level' -d 'trace, debug, info, notice, warning, error or critical. [env: PARC_LOG_LEVEL] (default: info)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server serve" log-format' -l 'log-format' -d 'text or json. [env: PARC_LOG_FORMAT] (default: text)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server serve" listen' -l 'listen' -d 'HOST:PORT to listen on; port 0 picks a free port. [env: PARC_LISTEN] (default: 127.0.0.1:8443)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server serve"' -l 'hostname' -d 'Names for the server certificate when this start creates it.' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server serve" maintenance-every' -l 'maintenance-every' -d 'Time between passes that open preventive maintenance tickets: 1h, 30m, 45s; 0 turns the scheduler off. [env: PARC_MAINTENANCE_EVERY] (default: 1h)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server serve" billing-every' -l 'billing-every' -d 'Time between scheduled billing runs (draft invoices for the periods due): 1h, 24h; 0 (the default) leaves them to people. [env: PARC_BILLING_EVERY]' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server serve" alerts-every' -l 'alerts-every' -d 'Time between alert scans (warranties, contracts, licences, agents, invoices); SLA alerts are checked every 30s besides. 0 turns alerts off. [env: PARC_ALERTS_EVERY] (default: 10m)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server serve" webhook-allow' -l 'webhook-allow' -d 'Private, loopback or link-local ranges webhooks may still be sent to, comma-separated: 10.1.2.0/24,127.0.0.1. Others are refused (they would reach into your network). [env: PARC_WEBHOOK_ALLOW] (default: none)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server serve" webhook-retries' -l 'webhook-retries' -d 'When a failed webhook is tried again, counted from its first attempt: durations in s, m or h, comma-separated; then it fails for good. [env: PARC_WEBHOOK_RETRIES] (default: 5s,5m,30m,2h,5h,10h,24h)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server serve" webhook-timeout' -l 'webhook-timeout' -d 'Time one webhook attempt may take, from resolving the name to the answer: 10s, 30s. [env: PARC_WEBHOOK_TIMEOUT] (default: 10s)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server serve" max-connections' -l 'max-connections' -d 'Connections open at once; more are closed as they arrive. Lowered to fit the descriptor limit, which the server raises to its hard limit at start. [env: PARC_MAX_CONNECTIONS] (default: 10000)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server serve" handshake-timeout' -l 'handshake-timeout' -d 'Time a new connection has to finish its TLS handshake: 10s, 1m. [env: PARC_HANDSHAKE_TIMEOUT] (default: 10s)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server serve" idle-timeout' -l 'idle-timeout' -d 'Time a connection may stay open without a request: 60s, 5m. [env: PARC_IDLE_TIMEOUT] (default: 60s)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server serve" version' -l 'version' -d 'Show the version.'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server serve" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server migrate" data-dir' -l 'data-dir' -d 'Data directory: CA, certificates, SQLite database. [env: PARC_DATA_DIR] (default: /var/lib/parc-server)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server migrate" database' -l 'database' -d 'sqlite:PATH or postgres://user:password@host[:port]/database. [env: PARC_DATABASE] (default: sqlite in the data directory)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server migrate" log-level' -l 'log-level' -d 'trace, debug, info, notice, warning, error or critical. [env: PARC_LOG_LEVEL] (default: info)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server migrate" log-format' -l 'log-format' -d 'text or json. [env: PARC_LOG_FORMAT] (default: text)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server migrate" version' -l 'version' -d 'Show the version.'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server migrate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server cert" version' -l 'version' -d 'Show the version.'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server cert" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_positional "parc-server cert" -eq 1' -fa 'reissue' -d 'Issue a new server certificate and key, signed by the existing CA.'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server cert reissue" data-dir' -l 'data-dir' -d 'Data directory: CA, certificates, SQLite database. [env: PARC_DATA_DIR] (default: /var/lib/parc-server)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server cert reissue" database' -l 'database' -d 'sqlite:PATH or postgres://user:password@host[:port]/database. [env: PARC_DATABASE] (default: sqlite in the data directory)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server cert reissue" log-level' -l 'log-level' -d 'trace, debug, info, notice, warning, error or critical. [env: PARC_LOG_LEVEL] (default: info)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server cert reissue" log-format' -l 'log-format' -d 'text or json. [env: PARC_LOG_FORMAT] (default: text)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server cert reissue"' -l 'hostname' -d 'A DNS name or IP the certificate covers; repeat for several. (default: the current names)' -rfka ''
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server cert reissue" json' -l 'json' -d 'Print the result as JSON, for scripts.'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server cert reissue" version' -l 'version' -d 'Show the version.'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server cert reissue" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'parc-server' -n '__parc-server_should_offer_completions_for_flags_or_options "parc-server help" version' -l 'version' -d 'Show the version.'
