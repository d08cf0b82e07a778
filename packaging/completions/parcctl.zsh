#compdef parcctl

__parcctl_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__parcctl_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __parcctl_complete "${completions[@]:0:-1}"
    fi
}

__parcctl_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_parcctl() {
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
            'login:Check a server, token and CA, then save them for later commands.'
            'whoami:Show who the token belongs to.'
            'server:About the server parcctl talks to.'
            'client:Client companies: create, list, show, update.'
            'employee:A client'\''s employees, who equipment is assigned to.'
            'site:A client'\''s sites and locations.'
            'staff:The provider'\''s staff users (managers only).'
            'token:API tokens: create (shown once), list, revoke.'
            'enroll-token:Tokens that let agents enroll for one client.'
            'intake-credential:Credentials for the GLPI Agents a client already runs: each files its inventories into one client.'
            'agent:Enrolled agents: list, show, revoke.'
            'asset:The asset registry: what agents discovered and what was registered by hand.'
            'software:Installed software across assets.'
            'licence:Software licences per client, and whether installs match the seats bought.'
            'ticket:Interventions: open, work, resolve and close tickets.'
            'maintenance:Preventive maintenance plans, and the tickets the server opens for them.'
            'contract:Service contracts: billing terms, what they cover, their lines and SLA terms.'
            'sla:The working calendar SLA clocks run in, and the default targets for clients without a contract.'
            'billing:Billing runs: draft invoices for every contract period due (managers and billing).'
            'invoice:Invoices: list, show, edit drafts, issue, credit and export (managers and billing).'
            'payment:Payments received for issued invoices (managers and billing).'
            'accounting:The journal issuing and payments write, exported for the accountant (managers and billing).'
            'provider:The provider'\''s own identity, printed on invoices and naming the FEC file.'
            'revenue:Monthly and annual recurring revenue (MRR, ARR) by client, from active contracts (managers and billing).'
            'portal-user:Clients'\'' employees'\'' accounts on the client portal.'
            'alert:Alerts: warranties, contracts, licences, agents, SLA, invoices.'
            'webhook:Webhooks: signed HTTP POSTs to your tools when alerts are raised or resolved (managers).'
            'outbox:The notifications'\'' deliveries: what was sent, what waits, what failed and why (managers).'
            'mail:The SMTP relay Parc sends its mail through (managers).'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        login|whoami|server|client|employee|site|staff|token|enroll-token|intake-credential|agent|asset|software|licence|ticket|maintenance|contract|sla|billing|invoice|payment|accounting|provider|revenue|portal-user|alert|webhook|outbox|mail|help)
            "_parcctl_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_login() {
    local -i ret=1
    local -ar arg_specs=(
        '--server[Server URL, e.g. https\://127.0.0.1\:8443.]:server:'
        '--token[Staff API token (parc-server init prints the first one).]:token:'
        '--ca-fingerprint[The CA'\''s sha256\: fingerprint, as parc-server init prints it.]:ca-fingerprint:'
        '--ca-file[The CA certificate file, instead of a fingerprint.]:ca-file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_whoami() {
    local -i ret=1
    local -ar arg_specs=(
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_server() {
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
            'info:The server'\''s URL, version and database, and the fingerprint of its CA (what agents and colleagues pin).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        info)
            "_parcctl_server_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_server_info() {
    local -i ret=1
    local -ar arg_specs=(
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_client() {
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
            'create:Create a client.'
            'list:List clients.'
            'show:Show one client.'
            'update:Change a client. Only the options given change; pass "" to clear a text field.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        create|list|show|update)
            "_parcctl_client_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_client_create() {
    local -i ret=1
    local -ar ___document_language=('fr' 'en')
    local -ar arg_specs=(
        ':code:'
        '--name[Company name.]:name:'
        '--siren[SIREN (9 digits).]:siren:'
        '--siret[SIRET (14 digits).]:siret:'
        '--vat-number[Intra-community VAT number, e.g. FR44732829320.]:vat-number:'
        '--email[Contact email.]:email:'
        '--currency[Currency (ISO 4217). (default\: EUR)]:currency:'
        '--vat-rate[Default VAT rate in percent, e.g. 20 or 5.5. (default\: 20)]:vat-rate:'
        '--document-language[Language of its invoices and credit notes\: fr or en. (default\: fr)]:document-language:{__parcctl_complete "${___document_language[@]}"}'
        '--notes[Free notes.]:notes:'
        '--address-line1[Billing address, first line.]:address-line1:'
        '--address-line2[Billing address, second line.]:address-line2:'
        '--postal-code[Billing address postal code.]:postal-code:'
        '--city[Billing address city.]:city:'
        '--country[Billing address country (ISO code).]:country:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_client_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--search[Only clients whose code or name contains this text.]:search:'
        '--all[Include deactivated clients.]'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_client_show() {
    local -i ret=1
    local -ar arg_specs=(
        ':code:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_client_update() {
    local -i ret=1
    local -ar ___document_language=('fr' 'en')
    local -ar arg_specs=(
        ':code:'
        '--name[Company name.]:name:'
        '--siren[SIREN (9 digits).]:siren:'
        '--siret[SIRET (14 digits).]:siret:'
        '--vat-number[VAT number.]:vat-number:'
        '--email[Contact email.]:email:'
        '--currency[Currency (ISO 4217).]:currency:'
        '--vat-rate[Default VAT rate in percent.]:vat-rate:'
        '--document-language[Language of its invoices and credit notes\: fr or en.]:document-language:{__parcctl_complete "${___document_language[@]}"}'
        '--share-tickets[Its portal members see all of its tickets, not only those they reported or follow.]'
        '--private-tickets[Its portal members see only the tickets they reported or follow (the default).]'
        '--notes[Free notes.]:notes:'
        '--address-line1[Billing address, first line.]:address-line1:'
        '--address-line2[Billing address, second line.]:address-line2:'
        '--postal-code[Billing address postal code.]:postal-code:'
        '--city[Billing address city.]:city:'
        '--country[Billing address country (ISO code).]:country:'
        '--deactivate[Deactivate the client (managers only).]'
        '--activate[Reactivate the client (managers only).]'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_employee() {
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
            'add:Add an employee to a client.'
            'list:List a client'\''s employees.'
            'update:Change an employee. Pass "" to clear a text field, --site 0 to clear the site.'
            'import:Import a client'\''s employees from a CSV file: every row valid, or nothing imported.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        add|list|update|import)
            "_parcctl_employee_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_employee_add() {
    local -i ret=1
    local -ar arg_specs=(
        '--client[Client code.]:client:'
        '--name[Full name.]:name:'
        '--email[Email (unique within the client).]:email:'
        '--department[Department.]:department:'
        '--site[Site id (see '\''parcctl site list'\'').]:site:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_employee_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--client[Client code.]:client:'
        '--search[Only names, emails or departments containing this text.]:search:'
        '--all[Include deactivated employees.]'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_employee_update() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--name[Full name.]:name:'
        '--email[Email.]:email:'
        '--department[Department.]:department:'
        '--site[Site id (0 clears it).]:site:'
        '--deactivate[Mark as having left the client.]'
        '--activate[Mark as active again.]'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_employee_import() {
    local -i ret=1
    local -ar arg_specs=(
        ':file:'
        '--client[Client code.]:client:'
        '--dry-run[Check and preview only; write nothing.]'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_site() {
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
            'add:Add a site to a client.'
            'list:List a client'\''s sites.'
            'update:Change a site; --deactivate when the client leaves it.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        add|list|update)
            "_parcctl_site_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_site_add() {
    local -i ret=1
    local -ar arg_specs=(
        '--client[Client code.]:client:'
        '--name[Site name (unique within the client).]:name:'
        '--address-line1[Address, first line.]:address-line1:'
        '--postal-code[Postal code.]:postal-code:'
        '--city[City.]:city:'
        '--country[Country (ISO code). (default\: FR)]:country:'
        '--notes[Free notes.]:notes:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_site_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--client[Client code.]:client:'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_site_update() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--name[Site name.]:name:'
        '--notes[Free notes ("" clears them).]:notes:'
        '--deactivate[Deactivate the site.]'
        '--activate[Reactivate the site.]'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_staff() {
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
            'create:Create a staff user.'
            'list:List staff users.'
            'update:Change a staff user'\''s name, role, status, hourly cost or skills.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        create|list|update)
            "_parcctl_staff_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_staff_create() {
    local -i ret=1
    local -ar ___role=('manager' 'technician' 'billing')
    local -ar arg_specs=(
        '--email[Email, their login.]:email:'
        '--name[Full name.]:name:'
        '--role[manager, technician or billing.]:role:{__parcctl_complete "${___role[@]}"}'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_staff_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--search[Only emails or names containing this text.]:search:'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_staff_update() {
    local -i ret=1
    local -ar ___role=('manager' 'technician' 'billing')
    local -ar arg_specs=(
        ':id:'
        '--name[Full name.]:name:'
        '--role[manager, technician or billing.]:role:{__parcctl_complete "${___role[@]}"}'
        '--deactivate[Deactivate\: their tokens stop working at once.]'
        '--activate[Reactivate.]'
        '--hourly-cost[Hourly cost to the provider, e.g. 42.50 (for profitability); a negative value clears it.]:hourly-cost:'
        '--skills[Skills, comma-separated (replaces the list)\: networking,printers.]:skills:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_token() {
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
            'create:Create an API token; the secret is printed once.'
            'list:List tokens (yours; managers see everyone'\''s).'
            'revoke:Revoke a token; it stops working at once.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        create|list|revoke)
            "_parcctl_token_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_token_create() {
    local -i ret=1
    local -ar arg_specs=(
        '--label[What the token is for, e.g. '\''laptop'\'' or '\''ERP sync'\''.]:label:'
        '--staff[Staff user id to create it for (managers only). (default\: yourself)]:staff:'
        '--expires[Lifetime in whole days\: 90d, 2w. (default\: never)]:expires:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_token_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_token_revoke() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_enroll-token() {
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
            'create:Create an enrollment token; the secret is printed once.'
            'list:List enrollment tokens.'
            'revoke:Revoke an enrollment token at once.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        create|list|revoke)
            "_parcctl_enroll-token_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_enroll-token_create() {
    local -i ret=1
    local -ar arg_specs=(
        '--client[Client code.]:client:'
        '--uses[How many agents may enroll with it. (default\: 1)]:uses:'
        '--expires[Lifetime\: Nd (days) or Nh (hours). (default\: 7d)]:expires:'
        '--label[A note, e.g. '\''office rollout'\''.]:label:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_enroll-token_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--client[Only this client'\''s.]:client:'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_enroll-token_revoke() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_intake-credential() {
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
            'create:Create an intake credential; the secret is printed once (a certificate'\''s is written to --out).'
            'list:List intake credentials (revoked ones with --all).'
            'revoke:Revoke an intake credential at once, and the tokens made from it.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        create|list|revoke)
            "_parcctl_intake-credential_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_intake-credential_create() {
    local -i ret=1
    local -ar ___kind=('basic' 'oauth' 'certificate')
    local -ar arg_specs=(
        '--client[Client code.]:client:'
        '--kind[basic (the agent'\''s --user/--password), oauth (--oauth-client-id/--oauth-client-secret) or certificate (agent.cfg'\''s ssl-cert-file).]:kind:{__parcctl_complete "${___kind[@]}"}'
        '--label[A note, e.g. '\''GLPI agents, Lyon office'\''.]:label:'
        '--out[Where to write a certificate credential'\''s PEM (certificate and key, mode 0600).]:file:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_intake-credential_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--client[Only this client'\''s.]:client:'
        '--all[Revoked credentials too.]'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_intake-credential_revoke() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_agent() {
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
            'list:List agents.'
            'show:Show one agent.'
            'revoke:Revoke an agent: the server refuses its certificate from now on.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|show|revoke)
            "_parcctl_agent_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_agent_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--client[Only this client'\''s.]:client:'
        '--search[Only host names containing this text.]:search:'
        '--all[Include revoked agents.]'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_agent_show() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_agent_revoke() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_asset() {
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
            'list:List assets.'
            'show:Show one asset and its components.'
            'history:An asset'\''s history, newest first.'
            'software:The packages installed on an asset.'
            'product-keys:The product keys GLPI, FusionInventory or OCS agents reported for an asset (managers only).'
            'create:Register an asset by hand (bought, in stock, or without an agent).'
            'update:Change what is known of an asset.'
            'assign:Assign an asset to an employee of its client ('\''parcctl asset show'\'' suggests one).'
            'unassign:Unassign an asset.'
            'retire:Retire an asset (kept with its history, out of service).'
            'transfer:Hand an asset to another client: from your own stock (a client of your own, e.g. STOCK) to a customer, or back.'
            'merge:Merge a duplicate record of a machine into the asset to keep.'
            'locate:Find an asset by a serial number: the machine'\''s own, or a part'\''s (disk, memory module, battery...).'
            'import:Import or update assets of one client from a CSV file: every row valid, or nothing written.'
            'export:Export assets as CSV (for spreadsheets) or JSON.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|show|history|software|product-keys|create|update|assign|unassign|retire|transfer|merge|locate|import|export)
            "_parcctl_asset_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_asset_list() {
    local -i ret=1
    local -ar ___kind=('computer' 'monitor' 'printer' 'network-device' 'phone' 'peripheral' 'other')
    local -ar ___status=('in-stock' 'in-use' 'in-repair' 'retired' 'lost')
    local -ar arg_specs=(
        '--client[Only this client'\''s.]:client:'
        '--kind[Only this kind\: computer, monitor, printer, network-device, phone, peripheral, other.]:kind:{__parcctl_complete "${___kind[@]}"}'
        '--status[Only this status\: in-stock, in-use, in-repair, retired, lost.]:status:{__parcctl_complete "${___status[@]}"}'
        '--review[Only assets flagged for review (merge or confirm).]'
        '--warranty[Warranty\: ending (within --within days), expired or unknown.]:warranty:'
        '--within[Days ahead for --warranty ending. (default\: 90)]:within:'
        '--site[Only assets of this site (id).]:site:'
        '--not-seen[Only machines whose agent has not reported for this many days.]:not-seen:'
        '--uncovered[Only machines agents found in use that no active contract covers (billing leakage).]'
        '--search[Only names, serials, host names or asset tags containing this text.]:search:'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_asset_show() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_asset_history() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_asset_software() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--search[Only package names containing this text.]:search:'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_asset_product-keys() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_asset_create() {
    local -i ret=1
    local -ar ___kind=('computer' 'monitor' 'printer' 'network-device' 'phone' 'peripheral' 'other')
    local -ar ___status=('in-stock' 'in-use' 'in-repair' 'retired' 'lost')
    local -ar arg_specs=(
        '--client[Client code.]:client:'
        '--kind[Kind\: computer, monitor, printer, network-device, phone, peripheral, other.]:kind:{__parcctl_complete "${___kind[@]}"}'
        '--name[Name.]:name:'
        '--status[Status. (default\: in-stock)]:status:{__parcctl_complete "${___status[@]}"}'
        '--manufacturer[Manufacturer.]:manufacturer:'
        '--model[Model.]:model:'
        '--serial[Serial number (a computer registered with it is matched when its agent reports).]:serial:'
        '--asset-tag[The provider'\''s or client'\''s inventory label.]:asset-tag:'
        '--site[Site id (see '\''parcctl site list'\'').]:site:'
        '--purchase-date[Purchase date, YYYY-MM-DD.]:purchase-date:'
        '--supplier[Supplier.]:supplier:'
        '--price[Purchase price, e.g. 1249.90 (in the client'\''s currency).]:price:'
        '--order-reference[Order or invoice reference.]:order-reference:'
        '--warranty-end[Warranty end, YYYY-MM-DD.]:warranty-end:'
        '--notes[Notes.]:notes:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_asset_update() {
    local -i ret=1
    local -ar ___status=('in-stock' 'in-use' 'in-repair' 'retired' 'lost')
    local -ar arg_specs=(
        ':id:'
        '--name[Name.]:name:'
        '--status[Status\: in-stock, in-use, in-repair, retired, lost.]:status:{__parcctl_complete "${___status[@]}"}'
        '--manufacturer[Manufacturer.]:manufacturer:'
        '--model[Model.]:model:'
        '--serial[Serial number (a computer registered with it is matched when its agent reports).]:serial:'
        '--asset-tag[The provider'\''s or client'\''s inventory label.]:asset-tag:'
        '--site[Site id (see '\''parcctl site list'\'').]:site:'
        '--purchase-date[Purchase date, YYYY-MM-DD.]:purchase-date:'
        '--supplier[Supplier.]:supplier:'
        '--price[Purchase price, e.g. 1249.90 (in the client'\''s currency).]:price:'
        '--order-reference[Order or invoice reference.]:order-reference:'
        '--warranty-end[Warranty end, YYYY-MM-DD.]:warranty-end:'
        '--notes[Notes.]:notes:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_asset_assign() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--employee[The employee\: an id, or an e-mail address (see '\''parcctl employee list --client CODE'\'').]:employee:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_asset_unassign() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_asset_retire() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--reason[Why, kept in the notes.]:reason:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_asset_transfer() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--client[The client it now belongs to.]:client:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_asset_merge() {
    local -i ret=1
    local -ar arg_specs=(
        ':keep:'
        ':duplicate:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_asset_locate() {
    local -i ret=1
    local -ar arg_specs=(
        ':serial:'
        '--json[Print JSON (the parts found).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_asset_import() {
    local -i ret=1
    local -ar arg_specs=(
        ':file:'
        '--client[Client code.]:client:'
        '--dry-run[Check and preview only; write nothing.]'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_asset_export() {
    local -i ret=1
    local -ar ___kind=('computer' 'monitor' 'printer' 'network-device' 'phone' 'peripheral' 'other')
    local -ar ___status=('in-stock' 'in-use' 'in-repair' 'retired' 'lost')
    local -ar arg_specs=(
        '--client[Only this client'\''s.]:client:'
        '--kind[Only this kind.]:kind:{__parcctl_complete "${___kind[@]}"}'
        '--status[Only this status.]:status:{__parcctl_complete "${___status[@]}"}'
        '--warranty[Warranty\: ending, expired or unknown.]:warranty:'
        '--format[csv or json. (default\: csv)]:format:'
        '--output[Write to this file instead of standard output.]:output:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_software() {
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
            'find:Where a package is installed.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        find)
            "_parcctl_software_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_software_find() {
    local -i ret=1
    local -ar arg_specs=(
        ':name:'
        '--client[Only this client'\''s assets.]:client:'
        '--version-below[Only versions older than this one.]:version-below:'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_licence() {
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
            'create:Record a licence bought for a client (managers).'
            'list:List licences.'
            'show:Show one licence.'
            'update:Change a licence (managers); an empty value clears a text field.'
            'compliance:Installs found against seats bought, from what agents last reported.'
            'seat:Name a seat for an asset or an employee of the licence'\''s client (managers).'
            'release:Release a named seat (see '\''parcctl licence show'\'').'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        create|list|show|update|compliance|seat|release)
            "_parcctl_licence_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_licence_create() {
    local -i ret=1
    local -ar arg_specs=(
        '--client[Client code.]:client:'
        '--product[What was bought.]:product:'
        '--packages[Package-name patterns that recognise installs, comma-separated ('\''libreoffice*,teamviewer'\'').]:packages:'
        '--seats[Seats bought.]:seats:'
        '--key[Licence key (shown only to managers).]:key:'
        '--starts-on[First day, YYYY-MM-DD.]:starts-on:'
        '--expires-on[Last day, YYYY-MM-DD.]:expires-on:'
        '--cost[Cost per seat, e.g. 12.50.]:cost:'
        '--resale[Resale price per seat, e.g. 15.00.]:resale:'
        '--supplier[Supplier.]:supplier:'
        '--notes[Notes.]:notes:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_licence_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--client[Only this client'\''s.]:client:'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_licence_show() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_licence_update() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--product[What was bought.]:product:'
        '--packages[Package-name patterns, comma-separated.]:packages:'
        '--seats[Seats bought.]:seats:'
        '--key[Licence key.]:key:'
        '--expires-on[Last day, YYYY-MM-DD.]:expires-on:'
        '--notes[Notes.]:notes:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_licence_compliance() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_licence_seat() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--asset[The asset the seat goes to.]:asset:'
        '--employee[The employee the seat goes to.]:employee:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_licence_release() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        ':seat:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_ticket() {
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
            'create:Open a ticket for a client.'
            'list:List tickets: the open ones by default, most urgent priority first.'
            'show:Show a ticket with its comments, time, material and history.'
            'update:Change a ticket'\''s title, description, type, priority or contract, link more assets, or add followers.'
            'assign:Assign a technician (a staff id or '\''me'\''), or unassign with --none.'
            'status:Move a ticket: in-progress, waiting-for-client, resolved (needs --resolution), closed.'
            'comment:Comment on a ticket: internal by default, --public for the client to see.'
            'log-time:Log time worked on a ticket (billable unless --non-billable).'
            'add-material:Record material used; with --asset, deploy an in-stock asset at the ticket'\''s client.'
            'resolve:Resolve a ticket with a resolution summary.'
            'close:Close a resolved ticket; closed tickets never change.'
            'reopen:Reopen a resolved ticket: back in progress, its resolution clock running again.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        create|list|show|update|assign|status|comment|log-time|add-material|resolve|close|reopen)
            "_parcctl_ticket_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_ticket_create() {
    local -i ret=1
    local -ar ___type=('incident' 'request' 'preventive-maintenance' 'installation' 'other')
    local -ar ___priority=('P1' 'P2' 'P3' 'P4')
    local -ar arg_specs=(
        '--client[Client code.]:client:'
        '--title[What is wrong or wanted, in one line.]:title:'
        '--description[Details.]:description:'
        '--type[incident, request, preventive-maintenance, installation or other.]:type:{__parcctl_complete "${___type[@]}"}'
        '--priority[P1 (critical) to P4 (low).]:priority:{__parcctl_complete "${___priority[@]}"}'
        '*--asset[An asset of the client the ticket is about; repeat for several.]:asset:'
        '--reporter[The client employee who reported it (id).]:reporter:'
        '--technician[Technician to assign\: a staff id, or '\''me'\''.]:technician:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_ticket_list() {
    local -i ret=1
    local -ar ___priority=('P1' 'P2' 'P3' 'P4')
    local -ar ___type=('incident' 'request' 'preventive-maintenance' 'installation' 'other')
    local -ar arg_specs=(
        '--client[Only this client'\''s.]:client:'
        '--status[A status, '\''open'\'' (default) or '\''all'\''.]:status:'
        '--mine[Only tickets assigned to me (my queue).]'
        '--technician[Only this technician'\''s\: a staff id, or '\''me'\'' (as --mine).]:technician:'
        '--priority[Only this priority.]:priority:{__parcctl_complete "${___priority[@]}"}'
        '--type[Only this type.]:type:{__parcctl_complete "${___type[@]}"}'
        '--breached[Only tickets whose SLA is breached.]'
        '--due-soon[Only open tickets due within the due-soon window.]'
        '--from[Created on or after, YYYY-MM-DD.]:from:'
        '--to[Created on or before, YYYY-MM-DD.]:to:'
        '--asset[Only tickets about this asset.]:asset:'
        '--search[Search titles and numbers.]:search:'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_ticket_show() {
    local -i ret=1
    local -ar arg_specs=(
        ':ticket:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_ticket_update() {
    local -i ret=1
    local -ar ___type=('incident' 'request' 'preventive-maintenance' 'installation' 'other')
    local -ar ___priority=('P1' 'P2' 'P3' 'P4')
    local -ar arg_specs=(
        ':ticket:'
        '--title:title:'
        '--description:description:'
        '--type:type:{__parcctl_complete "${___type[@]}"}'
        '--priority[A new priority resets the SLA targets.]:priority:{__parcctl_complete "${___priority[@]}"}'
        '*--asset[Link an asset of the client; repeat for several.]:asset:'
        '--contract[The client'\''s contract its billable time is billed through (reference; '\'''\'' for none).]:contract:'
        '*--follower[An employee of the client who follows it on the portal (id); repeat for several.]:follower:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_ticket_assign() {
    local -i ret=1
    local -ar arg_specs=(
        ':ticket:'
        '--technician[Staff id of a technician or manager, or '\''me'\''.]:technician:'
        '--none[Remove the technician.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_ticket_status() {
    local -i ret=1
    local -ar _status=('new' 'assigned' 'in-progress' 'waiting-for-client' 'resolved' 'closed')
    local -ar arg_specs=(
        ':ticket:'
        ':status:{__parcctl_complete "${_status[@]}"}'
        '--resolution[How it was resolved (required to resolve; the client reads it).]:resolution:'
        '--note[A note kept in the history with the change.]:note:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_ticket_comment() {
    local -i ret=1
    local -ar arg_specs=(
        ':ticket:'
        ':text:'
        '--public[Show it to the client (portal); the first public answer counts as the response.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_ticket_log-time() {
    local -i ret=1
    local -ar arg_specs=(
        ':ticket:'
        '--minutes[Minutes worked (1-1440).]:minutes:'
        '--date[Day worked, YYYY-MM-DD (default today).]:date:'
        '--non-billable[Not to be billed.]'
        '--note[What was done.]:note:'
        '--technician[The technician\: a staff id (managers only) or '\''me'\''. (default\: you)]:technician:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_ticket_add-material() {
    local -i ret=1
    local -ar arg_specs=(
        ':ticket:'
        '--description[What was used (default the asset'\''s name and model).]:description:'
        '--quantity[How many.]:quantity:'
        '--price[Unit price, e.g. 49.90.]:price:'
        '--asset[An in-stock asset (usually of the provider'\''s stock client)\: it moves to the client and goes in use.]:asset:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_ticket_resolve() {
    local -i ret=1
    local -ar arg_specs=(
        ':ticket:'
        '--resolution[How it was resolved (the client reads it).]:resolution:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_ticket_close() {
    local -i ret=1
    local -ar arg_specs=(
        ':ticket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_ticket_reopen() {
    local -i ret=1
    local -ar arg_specs=(
        ':ticket:'
        '--note[Why it is reopened.]:note:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_maintenance() {
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
            'plan:Create, list, show, pause and resume plans.'
            'run:Open due maintenance tickets now (what the server does every hour); safe to repeat.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        plan|run)
            "_parcctl_maintenance_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_maintenance_plan() {
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
            'create:Create a plan for listed assets (--asset) or all of a client'\''s assets of a kind (--kind).'
            'list:List plans.'
            'show:Show a plan.'
            'pause:Pause a plan: no tickets open until it resumes (missed occurrences are skipped).'
            'resume:Resume a paused plan from today.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        create|list|show|pause|resume)
            "_parcctl_maintenance_plan_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_maintenance_plan_create() {
    local -i ret=1
    local -ar ___kind=('computer' 'monitor' 'printer' 'network-device' 'phone' 'peripheral' 'other')
    local -ar ___unit=('days' 'weeks' 'months' 'years')
    local -ar ___priority=('P1' 'P2' 'P3' 'P4')
    local -ar arg_specs=(
        '--client[Client code.]:client:'
        '--name:name:'
        '*--asset[A target asset; repeat for several.]:asset:'
        '--kind[Target every asset of this kind (computer, printer, network-device, ...).]:kind:{__parcctl_complete "${___kind[@]}"}'
        '--every[Every N units.]:every:'
        '--unit[days, weeks, months or years.]:unit:{__parcctl_complete "${___unit[@]}"}'
        '--starts-on[First occurrence, YYYY-MM-DD.]:starts-on:'
        '*--check[A checklist item; repeat for several.]:check:'
        '--estimate[Estimated minutes per asset.]:estimate:'
        '--technician[Default technician\: a staff id, or '\''me'\''.]:technician:'
        '--lead-days[Open tickets this many days ahead (default 7).]:lead-days:'
        '--priority[Priority of the tickets (default P4).]:priority:{__parcctl_complete "${___priority[@]}"}'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_maintenance_plan_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--client[Only this client'\''s.]:client:'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_maintenance_plan_show() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_maintenance_plan_pause() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_maintenance_plan_resume() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_maintenance_run() {
    local -i ret=1
    local -ar arg_specs=(
        '--as-of[Run as of this day, YYYY-MM-DD (default today).]:as-of:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_contract() {
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
            'create:Create a contract (managers and billing).'
            'list:List contracts.'
            'show:Show a contract.'
            'update:Change a contract (managers and billing).'
            'add-line:Add a line invoiced each period (managers and billing).'
            'end:Give notice: the contract ends on a day (default today), is billed up to it inclusive and never renewed.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        create|list|show|update|add-line|end)
            "_parcctl_contract_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_contract_create() {
    local -i ret=1
    local -ar ___status=('draft' 'active' 'suspended' 'ended')
    local -ar ___clock=('business' '24x7')
    local -ar ___frequency=('monthly' 'quarterly' 'half-yearly' 'yearly')
    local -ar ___timing=('advance' 'arrears')
    local -ar arg_specs=(
        '--client[Client code.]:client:'
        '--reference[Unique reference.]:reference:'
        '--title:title:'
        '--starts-on[First day, YYYY-MM-DD.]:starts-on:'
        '--ends-on[Last day, YYYY-MM-DD (default open-ended).]:ends-on:'
        '--status[draft (default), active, suspended or ended.]:status:{__parcctl_complete "${___status[@]}"}'
        '--sla[SLA targets, e.g. P1=1h/4h,P2=2h/8h,P3=4h/3d,P4=1d/5d.]:sla:'
        '--clock[business (default) or 24x7, for the SLA targets.]:clock:{__parcctl_complete "${___clock[@]}"}'
        '--frequency[monthly, quarterly, half-yearly or yearly.]:frequency:{__parcctl_complete "${___frequency[@]}"}'
        '--timing[advance (invoice at the period'\''s start) or arrears (after its end).]:timing:{__parcctl_complete "${___timing[@]}"}'
        '--billing-day[Day of the month invoices are dated, 1-28.]:billing-day:'
        '--payment-terms[Days to pay.]:payment-terms:'
        '--renewal-months[Tacit renewal by this many months.]:renewal-months:'
        '--notice-days[Days of notice to stop the renewal.]:notice-days:'
        '--covers[Asset kinds covered, comma-separated (default computer).]:covers:'
        '*--asset[A covered asset (instead of kinds); repeat for several.]:asset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_contract_list() {
    local -i ret=1
    local -ar ___status=('draft' 'active' 'suspended' 'ended')
    local -ar arg_specs=(
        '--client[Only this client'\''s.]:client:'
        '--status[Only this status.]:status:{__parcctl_complete "${___status[@]}"}'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_contract_show() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_contract_update() {
    local -i ret=1
    local -ar ___status=('draft' 'active' 'suspended' 'ended')
    local -ar ___clock=('business' '24x7')
    local -ar ___frequency=('monthly' 'quarterly' 'half-yearly' 'yearly')
    local -ar ___timing=('advance' 'arrears')
    local -ar arg_specs=(
        ':id:'
        '--title:title:'
        '--starts-on:starts-on:'
        '--ends-on[Last day; '\'''\'' makes it open-ended.]:ends-on:'
        '--status:status:{__parcctl_complete "${___status[@]}"}'
        '--sla[New SLA targets.]:sla:'
        '--clock[business or 24x7, with --sla.]:clock:{__parcctl_complete "${___clock[@]}"}'
        '--clear-sla[Remove the SLA terms (the default applies).]'
        '--frequency[monthly, quarterly, half-yearly or yearly.]:frequency:{__parcctl_complete "${___frequency[@]}"}'
        '--timing[advance (invoice at the period'\''s start) or arrears (after its end).]:timing:{__parcctl_complete "${___timing[@]}"}'
        '--billing-day[Day of the month invoices are dated, 1-28.]:billing-day:'
        '--payment-terms[Days to pay.]:payment-terms:'
        '--renewal-months[Tacit renewal by this many months.]:renewal-months:'
        '--notice-days[Days of notice to stop the renewal.]:notice-days:'
        '--covers[Asset kinds covered, comma-separated (default computer).]:covers:'
        '*--asset[A covered asset (instead of kinds); repeat for several.]:asset:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_contract_add-line() {
    local -i ret=1
    local -ar ___kind=('flat' 'per-device' 'per-user' 'support-hours' 'licence-resale' 'one-off')
    local -ar ___exemption=('franchise' 'reverse-charge' 'export' 'exempt')
    local -ar arg_specs=(
        ':id:'
        '--kind[flat, per-device, per-user, support-hours, licence-resale or one-off.]:kind:{__parcctl_complete "${___kind[@]}"}'
        '--description:description:'
        '--price[Price\: per period, per device or user per period, per hour over the included ones, per seat, or per item.]:price:'
        '--included-hours[Support hours included per period.]:included-hours:'
        '--quantity[One-off\: how many.]:quantity:'
        '--licence[Licence resale\: the licence id.]:licence:'
        '--vat[VAT rate in percent\: 20, 10, 5.5, 2.1 or 0 (default the client'\''s).]:vat:'
        '--exemption[With 0 % VAT\: franchise, reverse-charge, export or exempt.]:exemption:{__parcctl_complete "${___exemption[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_contract_end() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--on[Last day, YYYY-MM-DD.]:on:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_sla() {
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
            'show:Show the calendar and default targets.'
            'set:Change the calendar or default targets (managers); what is not given stays.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        show|set)
            "_parcctl_sla_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_sla_show() {
    local -i ret=1
    local -ar arg_specs=(
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_sla_set() {
    local -i ret=1
    local -ar ___clock=('business' '24x7')
    local -ar arg_specs=(
        '--time-zone[IANA time zone, e.g. Europe/Paris.]:time-zone:'
        '--days[Working days, ISO numbers\: 1,2,3,4,5 is Monday to Friday.]:days:'
        '--hours[Opening hours, HH\:MM-HH\:MM.]:hours:'
        '*--holiday[A public holiday, YYYY-MM-DD; repeat for several (replaces the list).]:holiday:'
        '--clear-holidays[Remove all holidays.]'
        '--targets[Default targets, e.g. P1=1h/4h,P2=2h/8h,P3=4h/3d,P4=1d/5d.]:targets:'
        '--clock[business or 24x7, for the default targets.]:clock:{__parcctl_complete "${___clock[@]}"}'
        '--due-soon[Minutes before a due time a ticket counts as due soon.]:due-soon:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_billing() {
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
            'run:Create the draft invoices due up to a day.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        run)
            "_parcctl_billing_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_billing_run() {
    local -i ret=1
    local -ar arg_specs=(
        '--as-of[Invoice what is due up to this day, YYYY-MM-DD (default today).]:as-of:'
        '--client[Only this client'\''s contracts.]:client:'
        '--dry-run[Show what would be invoiced, with totals; write nothing.]'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_invoice() {
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
            'list:List invoices by issue date.'
            'show:Show an invoice: lines, VAT per rate, totals.'
            'add-line:Add a line to a draft invoice.'
            'remove-line:Remove a line from a draft invoice (see '\''invoice show'\'').'
            'delete:Delete a draft: its period can be billed again by the next run. Issued invoices are never deleted.'
            'issue:Issue a draft: it gets its number and never changes again.'
            'credit:Credit an issued invoice: all of it, or the lines named (--line POSITION); the credit note is numbered AVyyyy-nnnnnn.'
            'export:Write an invoice as PDF, HTML, UBL 2.1 (EN 16931) or JSON, or every invoice as CSV (no id).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|show|add-line|remove-line|delete|issue|credit|export)
            "_parcctl_invoice_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_invoice_list() {
    local -i ret=1
    local -ar ___status=('draft' 'issued' 'partially-paid' 'paid' 'overdue' 'cancelled')
    local -ar arg_specs=(
        '--client[Only this client'\''s.]:client:'
        '--status[draft, issued, partially-paid, paid, overdue or cancelled.]:status:{__parcctl_complete "${___status[@]}"}'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_invoice_show() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_invoice_add-line() {
    local -i ret=1
    local -ar ___exemption=('franchise' 'reverse-charge' 'export' 'exempt')
    local -ar arg_specs=(
        ':id:'
        '--description:description:'
        '--price[Unit price, e.g. 49.90.]:price:'
        '--quantity[Quantity, e.g. 2 or 1.5 (default 1).]:quantity:'
        '--vat[VAT rate in percent (default the client'\''s).]:vat:'
        '--exemption[With 0 % VAT\: franchise, reverse-charge, export or exempt.]:exemption:{__parcctl_complete "${___exemption[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_invoice_remove-line() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        ':position:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_invoice_delete() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_invoice_issue() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_invoice_credit() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '*--line[A line position to credit; repeat for several (default all).]:line:'
        '--reason[Why (kept with the note).]:reason:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_invoice_export() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--format[pdf, html, ubl, json, or csv for the list.]:format:'
        '--client[Only this client'\''s (csv).]:client:'
        '--output[File to write, '\''-'\'' for standard output (default\: NUMBER.EXT, or invoices.csv).]:output:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_payment() {
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
            'record:Record a full or partial payment (never more than is still due).'
            'list:List payments.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        record|list)
            "_parcctl_payment_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_payment_record() {
    local -i ret=1
    local -ar ___method=('transfer' 'card' 'cheque' 'direct-debit' 'cash')
    local -ar arg_specs=(
        ':invoice:'
        '--amount[Amount received, e.g. 708.00.]:amount:'
        '--method[transfer, card, cheque, direct-debit or cash.]:method:{__parcctl_complete "${___method[@]}"}'
        '--date[Day received, YYYY-MM-DD (default today).]:date:'
        '--reference[Bank reference.]:reference:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_payment_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--client[Only this client'\''s.]:client:'
        '--from[Received on or after, YYYY-MM-DD.]:from:'
        '--to[Received on or before, YYYY-MM-DD.]:to:'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--csv[Print CSV of every payment selected, not one page (for a spreadsheet).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_accounting() {
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
            'export:Export the journal for a period as a FEC file (18 tab-separated fields) or CSV.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        export)
            "_parcctl_accounting_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_accounting_export() {
    local -i ret=1
    local -ar arg_specs=(
        '--format[fec or csv.]:format:'
        '--from[First day, YYYY-MM-DD.]:from:'
        '--to[Last day, YYYY-MM-DD (the FEC'\''s closing date).]:to:'
        '--output[File to write, '\''-'\'' for standard output (default\: the FEC'\''s legal name, SIRENFECyyyymmdd.txt, or journal.csv).]:output:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_provider() {
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
            'show:Show the provider'\''s identity.'
            'set:Change the provider'\''s identity (managers); what is not given stays.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        show|set)
            "_parcctl_provider_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_provider_show() {
    local -i ret=1
    local -ar arg_specs=(
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_provider_set() {
    local -i ret=1
    local -ar ___portal_admin2fa=('required' 'optional')
    local -ar arg_specs=(
        '--name:name:'
        '--siren:siren:'
        '--siret:siret:'
        '--vat-number:vat-number:'
        '--legal-form:legal-form:'
        '--registration[e.g. RCS Paris 732 829 320.]:registration:'
        '--email:email:'
        '--iban:iban:'
        '--bic:bic:'
        '--address-line1:address-line1:'
        '--postal-code:postal-code:'
        '--city:city:'
        '--country:country:'
        '--late-penalty[The late-payment penalty printed on invoices.]:late-penalty:'
        '--stock-client[The client code that holds the provider'\''s own stock (assets any ticket may deploy).]:stock-client:'
        '--portal-admin2fa[Client admins'\'' second factor on the portal\: required or optional.]:portal-admin2fa:{__parcctl_complete "${___portal_admin2fa[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_revenue() {
    local -i ret=1
    local -ar arg_specs=(
        '--client[Only this client.]:client:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_portal-user() {
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
            'invite:Open a portal account for an employee and print the invitation link (single use, 7 days).'
            'list:List a client'\''s portal users.'
            'role:Change a portal user'\''s role.'
            'disable:Disable a portal user: their sessions and links stop working at once.'
            'enable:Enable a disabled portal user again ('\''portal-user link'\'' sends them a new link).'
            'unlock:End a lockout after too many failed logins.'
            'link:A new single-use link: the invitation again (7 days) until a password is set, then a password reset (15 minutes).'
            'reset-2fa:Remove a portal user'\''s second factor (a lost phone): they set one up at their next sign-in.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        invite|list|role|disable|enable|unlock|link|reset-2fa)
            "_parcctl_portal-user_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_portal-user_invite() {
    local -i ret=1
    local -ar ___role=('client-admin' 'member' 'billing')
    local -ar arg_specs=(
        '--client[Client code.]:client:'
        '--employee[The employee\: id or e-mail (the e-mail is the login).]:employee:'
        '--role[client-admin, member or billing.]:role:{__parcctl_complete "${___role[@]}"}'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_portal-user_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--client[Client code.]:client:'
        '--search[Only e-mails or names containing this text.]:search:'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_portal-user_role() {
    local -i ret=1
    local -ar _role=('client-admin' 'member' 'billing')
    local -ar arg_specs=(
        ':id:'
        ':role:{__parcctl_complete "${_role[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_portal-user_disable() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_portal-user_enable() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_portal-user_unlock() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_portal-user_link() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_portal-user_reset-2fa() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_alert() {
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
            'list:List alerts: the live ones (open or acknowledged) unless told.'
            'show:Show one alert: what, since when, who acknowledged it, how it ended.'
            'ack:Acknowledge alerts: seen, being handled. They resolve on their own when the cause goes.'
            'scan:Scan now instead of waiting for the server'\''s next pass (managers).'
            'rules:Lead times per kind: the provider'\''s defaults and clients'\'' overrides.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|show|ack|scan|rules)
            "_parcctl_alert_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_alert_list() {
    local -i ret=1
    local -ar ___kind=('warranty-end' 'contract-end' 'contract-notice' 'licence-expiry' 'licence-over-deployed' 'agent-certificate-expiry' 'agent-silent' 'uncovered-device' 'sla-due-soon' 'sla-breached' 'invoice-overdue' 'maintenance-due')
    local -ar ___state=('open' 'acknowledged' 'resolved')
    local -ar arg_specs=(
        '--client[Only this client'\''s.]:client:'
        '--kind[Only this kind\: warranty-end, contract-end, contract-notice, licence-expiry, licence-over-deployed, agent-certificate-expiry, agent-silent, uncovered-device, sla-due-soon, sla-breached, invoice-overdue, maintenance-due.]:kind:{__parcctl_complete "${___kind[@]}"}'
        '--state[Only this state\: open, acknowledged or resolved.]:state:{__parcctl_complete "${___state[@]}"}'
        '--all[Resolved alerts too.]'
        '--search[Only alerts whose object or summary contains this.]:search:'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_alert_show() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_alert_ack() {
    local -i ret=1
    local -ar arg_specs=(
        '*:ids:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_alert_scan() {
    local -i ret=1
    local -ar arg_specs=(
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_alert_rules() {
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
            'show:Show every kind'\''s rule, for the provider or a client.'
            'set:Change one kind'\''s rule, for the provider or one client (managers).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        show|set)
            "_parcctl_alert_rules_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_alert_rules_show() {
    local -i ret=1
    local -ar arg_specs=(
        '--client[As it applies to this client.]:client:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_alert_rules_set() {
    local -i ret=1
    local -ar ___kind=('warranty-end' 'contract-end' 'contract-notice' 'licence-expiry' 'licence-over-deployed' 'agent-certificate-expiry' 'agent-silent' 'uncovered-device' 'sla-due-soon' 'sla-breached' 'invoice-overdue' 'maintenance-due')
    local -ar arg_specs=(
        '--kind[The kind\: warranty-end, contract-end, contract-notice, licence-expiry, licence-over-deployed, agent-certificate-expiry, agent-silent, uncovered-device, sla-due-soon, sla-breached, invoice-overdue, maintenance-due.]:kind:{__parcctl_complete "${___kind[@]}"}'
        '--client[Only for this client (an override of the provider'\''s rule).]:client:'
        '--lead-times[Lead times, comma-separated\: 90,30,7,0.]:lead-times:'
        '--on[Turn the kind on or off.]'
        '--no-on[Turn the kind on or off.]'
        '--ticket[Also open a ticket when an alert fires.]'
        '--no-ticket[Also open a ticket when an alert fires.]'
        '--reset[Drop the client'\''s override\: the provider'\''s rule applies again.]'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_webhook() {
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
            'list:List webhook endpoints.'
            'add:Add an endpoint and print its signing secret (shown once).'
            'show:Show one endpoint.'
            'remove:Remove an endpoint; what still waited for it is cancelled.'
            'rotate:Make a new secret; for 24 hours messages carry a signature with each, so receivers can switch without a gap.'
            'enable:Enable an endpoint again (after a 410, say); '\''parcctl outbox retry'\'' replays what it missed.'
            'disable:Stop sending to an endpoint; what waited for it is cancelled.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|add|show|remove|rotate|enable|disable)
            "_parcctl_webhook_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_webhook_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--client[Only this client'\''s (provider-wide ones are left out).]:client:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_webhook_add() {
    local -i ret=1
    local -ar ___event=('alert.raised' 'alert.resolved' 'ticket.opened' 'ticket.assigned' 'ticket.commented' 'ticket.resolved' 'invoice.issued' 'payment.received')
    local -ar arg_specs=(
        '--url[Where to POST\: an http or https URL.]:url:'
        '--client[Only this client'\''s events (default\: every client'\''s).]:client:'
        '*--event[Only these events (repeat)\: alert.raised, alert.resolved, ticket.opened, ticket.assigned, ticket.commented, ticket.resolved, invoice.issued, payment.received. Default\: all.]:event:{__parcctl_complete "${___event[@]}"}'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_webhook_show() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_webhook_remove() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_webhook_rotate() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_webhook_enable() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_webhook_disable() {
    local -i ret=1
    local -ar arg_specs=(
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_outbox() {
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
            'list:List deliveries, newest first.'
            'retry:Send failed or cancelled deliveries again, with a fresh retry schedule; the receiver gets the same webhook-id.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|retry)
            "_parcctl_outbox_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_outbox_list() {
    local -i ret=1
    local -ar ___status=('pending' 'delivered' 'failed' 'cancelled')
    local -ar arg_specs=(
        '--status[Only this status\: pending, delivered, failed or cancelled.]:status:{__parcctl_complete "${___status[@]}"}'
        '--client[Only this client'\''s events.]:client:'
        '--limit[At most this many (1–500). (default\: 50)]:limit:'
        '--offset[Skip this many (the footer gives the next page'\''s --offset).]:offset:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_outbox_retry() {
    local -i ret=1
    local -ar arg_specs=(
        '*:ids:'
        '--all-failed[Every failed delivery whose endpoint is enabled.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_mail() {
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
            'show:Show the relay (never its password).'
            'set:Set the relay, after checking that it answers.'
            'test:Send a test message now, and say what the relay answered.'
            'rules:Who is told of which event by e-mail, for each client or by default.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        show|set|test|rules)
            "_parcctl_mail_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_mail_show() {
    local -i ret=1
    local -ar arg_specs=(
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_mail_set() {
    local -i ret=1
    local -ar arg_specs=(
        '--host[The relay'\''s host name or address.]:host:'
        '--port[Its port (default\: 587 for starttls, 465 for tls, 25 for none).]:port:'
        '--security[starttls (default), tls, or none (a relay on your own network; no password then).]:security:'
        '--user[The account to authenticate as (AUTH); none by default.]:user:'
        '--password-file[A file holding the password (its first line)\: never typed on a command line.]:password-file:'
        '--from[The sender address of every message.]:from:'
        '--from-name[The sender'\''s name, e.g. your company'\''s.]:from-name:'
        '--ca-file[A CA file on the server to check the relay'\''s certificate with, instead of the system'\''s.]:ca-file:'
        '--portal-url[The address clients open the portal at (https\://parc.example.com)\: portal invitations and resets are mailed with it.]:portal-url:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_mail_test() {
    local -i ret=1
    local -ar arg_specs=(
        '--to[Who receives it.]:to:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_mail_rules() {
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
            'show:List the rules (with --client: those that apply to it).'
            'set:Set who is told of an event, and how often.'
            'remove:Remove a rule (a client'\''s: the default applies again).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        show|set|remove)
            "_parcctl_mail_rules_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_parcctl_mail_rules_show() {
    local -i ret=1
    local -ar arg_specs=(
        '--client[The rules that apply to this client\: its own and the defaults it has none for.]:client:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_mail_rules_set() {
    local -i ret=1
    local -ar ___event=('alert.raised' 'alert.resolved' 'ticket.opened' 'ticket.assigned' 'ticket.commented' 'ticket.resolved' 'invoice.issued' 'payment.received')
    local -ar arg_specs=(
        '--client[For this client only (default\: for every client without a rule of its own).]:client:'
        '--event[The event\: alert.raised, alert.resolved, ticket.opened, ticket.assigned, ticket.commented, ticket.resolved, invoice.issued, payment.received.]:event:{__parcctl_complete "${___event[@]}"}'
        '--to[Recipients, comma-separated\: contact, client-admins, technician, staff\:EMAIL.]:to:'
        '--immediate[At once (the default), or in one digest a day.]'
        '--digest[At once (the default), or in one digest a day.]'
        '--language[fr (default) or en.]:language:'
        '--json[Print JSON.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_mail_rules_remove() {
    local -i ret=1
    local -ar ___event=('alert.raised' 'alert.resolved' 'ticket.opened' 'ticket.assigned' 'ticket.commented' 'ticket.resolved' 'invoice.issued' 'payment.received')
    local -ar arg_specs=(
        '--client[The client'\''s rule (default\: the default rule).]:client:'
        '--event[The event.]:event:{__parcctl_complete "${___event[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_parcctl_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _parcctl ]]; then
    _parcctl "${@}"
else
    compdef _parcctl parcctl
fi
