#compdef parc-agent

__parc-agent_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__parc-agent_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __parc-agent_complete "${completions[@]:0:-1}"
    fi
}

__parc-agent_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_parc-agent() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'inventory:Print this machine'\''s inventory.'
            'enroll:Enroll this machine with a Parc server (once).'
            'report:Inventory this machine and report it to the server now.'
            'run:Report on a schedule until stopped (what the systemd service runs).'
            'status:Show enrollment and server.'
            'renew:Get a new key and certificate now (reports renew automatically 30 days before expiry).'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        inventory|enroll|report|run|status|renew|help)
            "_parc-agent_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parc-agent_inventory() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        '--root[Read every file under this directory instead of /.]:root:'
        '--format[text (a summary) or json (the full inventory, as reported).]:format:{__parc-agent_complete "${___format[@]}"}'
        '--only[Only these sections, comma-separated.]:only:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parc-agent_enroll() {
    local -i ret=1
    local -ar arg_specs=(
        '--server[Server URL, https\://HOST\:PORT.]:server:'
        '--token[Enrollment token from '\''parcctl enroll-token create'\''.]:token:'
        '--ca-fingerprint[The server CA'\''s sha256\: fingerprint.]:ca-fingerprint:'
        '--ca-file[The server CA certificate file, instead of a fingerprint.]:ca-file:'
        '--state-dir[Where the agent keeps its key, certificate, identity and spool. \[PARC_AGENT_STATE_DIR\] (default\: /var/lib/parc-agent)]:state-dir:'
        '--config[Configuration file of KEY=value lines. \[env\: PARC_AGENT_CONFIG\] (default\: /etc/parc-agent/agent.conf)]:config:'
        '--force[Enroll again, replacing this machine'\''s identity.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parc-agent_report() {
    local -i ret=1
    local -ar arg_specs=(
        '--state-dir[Where the agent keeps its key, certificate, identity and spool. \[PARC_AGENT_STATE_DIR\] (default\: /var/lib/parc-agent)]:state-dir:'
        '--config[Configuration file of KEY=value lines. \[env\: PARC_AGENT_CONFIG\] (default\: /etc/parc-agent/agent.conf)]:config:'
        '--root[Read this directory instead of / (for tests and demos).]:root:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parc-agent_run() {
    local -i ret=1
    local -ar arg_specs=(
        '--state-dir[Where the agent keeps its key, certificate, identity and spool. \[PARC_AGENT_STATE_DIR\] (default\: /var/lib/parc-agent)]:state-dir:'
        '--config[Configuration file of KEY=value lines. \[env\: PARC_AGENT_CONFIG\] (default\: /etc/parc-agent/agent.conf)]:config:'
        '--interval[Seconds between reports until the server says otherwise. \[PARC_AGENT_INTERVAL\] (default\: 3600)]:interval:'
        '--root[Read this directory instead of /.]:root:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parc-agent_status() {
    local -i ret=1
    local -ar arg_specs=(
        '--state-dir[Where the agent keeps its key, certificate, identity and spool. \[PARC_AGENT_STATE_DIR\] (default\: /var/lib/parc-agent)]:state-dir:'
        '--config[Configuration file of KEY=value lines. \[env\: PARC_AGENT_CONFIG\] (default\: /etc/parc-agent/agent.conf)]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parc-agent_renew() {
    local -i ret=1
    local -ar arg_specs=(
        '--state-dir[Where the agent keeps its key, certificate, identity and spool. \[PARC_AGENT_STATE_DIR\] (default\: /var/lib/parc-agent)]:state-dir:'
        '--config[Configuration file of KEY=value lines. \[env\: PARC_AGENT_CONFIG\] (default\: /etc/parc-agent/agent.conf)]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parc-agent_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _parc-agent ]]; then
    _parc-agent "${@}"
else
    compdef _parc-agent parc-agent
fi
