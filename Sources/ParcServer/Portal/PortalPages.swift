import Mustache

/// The portal's pages: server-rendered, no script, one stylesheet served from `/portal/style.css`
/// (the Content-Security-Policy allows nothing inline). Mustache escapes every `{{value}}`, so
/// what clients typed is shown, never run.
enum PortalPages {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in templates {
            // The templates are this file's own constants: a parse error is a bug caught by any test.
            try! library.register(text, named: name)
        }
        return library
    }()

    static func render(_ name: String, _ page: some Any) -> String {
        library.render(page, withTemplate: name) ?? ""
    }

    static let templates: [String: String] = [
        "layout": """
        <!DOCTYPE html>
        <html lang="{{t.lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · {{t.portal}}</title>
        <link rel="stylesheet" href="/portal/style.css">
        </head>
        <body>
        <a class="skip" href="#main">{{t.skip}}</a>
        <header>
        <p class="brand">{{t.portal}}</p>
        {{#session}}
        <nav class="account" aria-label="{{t.account}}">
        <span>{{email}} · {{client}}</span>
        <form method="post" action="/portal/logout">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <button type="submit">{{t.logout}}</button>
        </form>
        </nav>
        {{/session}}
        <nav class="language" aria-label="{{t.language}}"><a href="?lang=fr" lang="fr" hreflang="fr">Français</a> · <a href="?lang=en" lang="en" hreflang="en">English</a></nav>
        </header>
        {{#session}}
        <nav class="menu" aria-label="{{t.menu}}"><ul>{{#nav}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/nav}}</ul></nav>
        {{/session}}
        <main id="main">
        <h1>{{title}}</h1>
        {{#message}}<p class="message" role="alert">{{message}}</p>{{/message}}
        {{#hasProblems}}<ul class="problems" role="alert">{{#problems}}<li>{{.}}</li>{{/problems}}</ul>{{/hasProblems}}
        {{$content}}{{/content}}
        </main>
        </body>
        </html>
        """,
        "pager": """
        <nav class="pager" aria-label="{{t.pages}}"><p>{{summary}}</p>{{#hasLinks}}<p>{{#previous}}<a href="{{.}}" rel="prev">{{t.previous}}</a> {{/previous}}{{#next}}<a href="{{.}}" rel="next">{{t.next}}</a>{{/next}}</p>{{/hasLinks}}</nav>
        """,
        "fields": """
        <dl class="fields">{{#fields}}<dt>{{label}}</dt><dd>{{#link}}<a href="{{link}}">{{value}}</a>{{/link}}{{^link}}{{value}}{{/link}}</dd>{{/fields}}</dl>
        """,
        "ticketTable": """
        <table class="list"><thead><tr><th scope="col">{{t.ticket_number}}</th><th scope="col">{{t.ticket_title}}</th><th scope="col">{{t.ticket_status}}</th><th scope="col">{{t.ticket_priority}}</th><th scope="col">{{t.ticket_updated}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td data-label="{{t.ticket_number}}"><a href="{{link}}">{{number}}</a></td><td data-label="{{t.ticket_title}}">{{title}}</td><td data-label="{{t.ticket_status}}"><span class="status status-{{statusKey}}">{{status}}</span></td><td data-label="{{t.ticket_priority}}">{{priority}}</td><td data-label="{{t.ticket_updated}}">{{updated}}</td></tr>{{/rows}}</tbody></table>
        """,
        "assetTable": """
        <table class="list"><thead><tr><th scope="col">{{t.asset_name}}</th><th scope="col">{{t.asset_model}}</th><th scope="col">{{t.asset_holder}}</th><th scope="col">{{t.asset_warranty}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td data-label="{{t.asset_name}}"><a href="{{link}}">{{name}}</a></td><td data-label="{{t.asset_model}}">{{model}}</td><td data-label="{{t.asset_holder}}">{{holder}}</td><td data-label="{{t.asset_warranty}}">{{warranty}}</td></tr>{{/rows}}</tbody></table>
        """,
        "invoiceTable": """
        <table class="list"><thead><tr><th scope="col">{{t.invoice_number}}</th><th scope="col">{{t.invoice_issued}}</th><th scope="col">{{t.invoice_due}}</th><th scope="col">{{t.invoice_total}}</th><th scope="col">{{t.invoice_outstanding}}</th><th scope="col">{{t.invoice_status}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td data-label="{{t.invoice_number}}"><a href="{{link}}">{{kind}} {{number}}</a></td><td data-label="{{t.invoice_issued}}">{{issued}}</td><td data-label="{{t.invoice_due}}">{{due}}</td><td data-label="{{t.invoice_total}}" class="amount">{{total}}</td><td data-label="{{t.invoice_outstanding}}" class="amount">{{outstanding}}</td><td data-label="{{t.invoice_status}}"><span class="status status-{{statusKey}}">{{status}}</span></td></tr>{{/rows}}</tbody></table>
        """,
        "login": """
        {{<layout}}{{$content}}
        {{#content}}
        <form method="post" action="/portal/login">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="email">{{t.email}}</label><br>
        <input id="email" name="email" type="text" inputmode="email" autocapitalize="none" spellcheck="false" autocomplete="username" required maxlength="254" value="{{email}}"></p>
        <p><label for="password">{{t.password}}</label><br>
        <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200"></p>
        <p><button type="submit">{{t.signIn}}</button></p>
        </form>
        {{/content}}
        <p><a href="/portal/forgot">{{t.forgotten}}</a></p>
        {{/content}}{{/layout}}
        """,
        "forgot": """
        {{<layout}}{{$content}}
        <p id="forgot-help">{{t.forgotHelp}}</p>
        {{#content}}
        <form method="post" action="/portal/forgot">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="email">{{t.email}}</label><br>
        <input id="email" name="email" type="text" inputmode="email" autocapitalize="none" spellcheck="false" autocomplete="username" required maxlength="254" aria-describedby="forgot-help"></p>
        <p><button type="submit">{{t.forgotSend}}</button></p>
        </form>
        {{/content}}
        <p><a href="/portal/login">{{t.goToLogin}}</a></p>
        {{/content}}{{/layout}}
        """,
        "password": """
        {{<layout}}{{$content}}
        <p id="rules">{{t.passwordRules}}</p>
        {{#content}}
        <form method="post" action="{{action}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="password">{{t.newPassword}}</label><br>
        <input id="password" name="password" type="password" autocomplete="new-password" required minlength="12" maxlength="200" aria-describedby="rules"></p>
        <p><label for="confirmation">{{t.confirmPassword}}</label><br>
        <input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required minlength="12" maxlength="200"></p>
        <p><button type="submit">{{t.savePassword}}</button></p>
        </form>
        {{/content}}
        {{/content}}{{/layout}}
        """,
        "code": """
        {{<layout}}{{$content}}
        <p id="code-hint">{{t.code_hint}}</p>
        {{#content}}
        <form method="post" action="{{action}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="code">{{t.code_label}}</label><br>
        <input id="code" name="code" type="text" inputmode="numeric" pattern="[0-9 ]{6,7}" autocomplete="one-time-code" required maxlength="7" aria-describedby="code-hint"></p>
        <p><button type="submit">{{t.code_send}}</button></p>
        </form>
        {{/content}}
        <p><a href="/portal/login">{{t.code_restart}}</a></p>
        {{/content}}{{/layout}}
        """,
        "security": """
        {{<layout}}{{$content}}
        {{#content}}
        <p>{{t.security_intro}}</p>
        {{#enabled}}
        <p class="secret" role="status">{{t.security_on}}</p>
        {{^required}}
        <form method="post" action="/portal/security/remove">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="remove-code">{{t.security_removeCode}}</label><br><input id="remove-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required maxlength="7"></p>
        <p><button type="submit" class="secondary">{{t.security_remove}}</button></p>
        </form>
        {{/required}}
        {{/enabled}}
        {{^enabled}}
        {{#setup}}
        <ol>
        <li>{{t.security_step1}} <code>{{secret}}</code></li>
        <li>{{t.security_step2}} <a href="{{url}}">{{t.security_openApp}}</a></li>
        </ol>
        <form method="post" action="/portal/security/confirm">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="confirm-code">{{t.security_confirmCode}}</label><br><input id="confirm-code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required maxlength="7"></p>
        <p><button type="submit">{{t.security_confirm}}</button></p>
        </form>
        {{/setup}}
        {{^setup}}
        <form method="post" action="/portal/security/setup">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><button type="submit">{{t.security_start}}</button></p>
        </form>
        {{/setup}}
        {{/enabled}}
        {{/content}}
        {{/content}}{{/layout}}
        """,
        "notice": """
        {{<layout}}{{$content}}
        {{#content}}<p><a href="{{link}}">{{linkText}}</a></p>{{/content}}
        {{/content}}{{/layout}}
        """,
        "home": """
        {{<layout}}{{$content}}
        {{#content}}
        <p>{{greeting}}</p>
        {{#showTickets}}
        <section aria-labelledby="open-tickets"><h2 id="open-tickets">{{t.home_openTickets}}</h2>
        {{#tickets}}{{#hasRows}}{{>ticketTable}}{{/hasRows}}{{^hasRows}}<p>{{t.home_noOpenTickets}}</p>{{/hasRows}}{{/tickets}}
        <p><a href="/portal/tickets">{{allTickets}}</a> · <a href="/portal/tickets/new">{{t.home_newTicket}}</a></p>
        </section>
        {{/showTickets}}
        {{#showAssets}}
        <section aria-labelledby="warranties"><h2 id="warranties">{{t.home_warranties}}</h2>
        {{#warranties}}{{#hasRows}}{{>assetTable}}{{/hasRows}}{{^hasRows}}<p>{{t.home_noWarranties}}</p>{{/hasRows}}{{/warranties}}
        </section>
        {{/showAssets}}
        {{#showInvoices}}
        <section aria-labelledby="unpaid"><h2 id="unpaid">{{t.home_unpaid}}</h2>
        {{#unpaid}}{{#hasRows}}{{>invoiceTable}}{{/hasRows}}{{^hasRows}}<p>{{t.home_noUnpaid}}</p>{{/hasRows}}{{/unpaid}}
        </section>
        {{/showInvoices}}
        {{#hasHours}}
        <section aria-labelledby="hours"><h2 id="hours">{{t.home_hours}}</h2>
        <ul>{{#hours}}<li>{{.}}</li>{{/hours}}</ul>
        </section>
        {{/hasHours}}
        {{/content}}
        {{/content}}{{/layout}}
        """,
        "assets": """
        {{<layout}}{{$content}}
        {{#content}}
        <form method="get" action="/portal/assets" role="search"><p><label for="q">{{t.search}}</label><br>
        <input id="q" name="q" type="search" maxlength="100" value="{{search}}"> <button type="submit">{{t.searchButton}}</button></p></form>
        {{#hasRows}}{{>assetTable}}{{/hasRows}}{{^hasRows}}<p>{{t.none}}</p>{{/hasRows}}
        {{#pager}}{{>pager}}{{/pager}}
        {{/content}}
        {{/content}}{{/layout}}
        """,
        "asset": """
        {{<layout}}{{$content}}
        {{#content}}
        {{>fields}}
        <p><a href="{{softwareLink}}">{{softwareCount}}</a></p>
        {{#hasComponents}}
        <section aria-labelledby="components"><h2 id="components">{{t.asset_components}}</h2>
        <table class="list"><thead><tr><th scope="col">{{t.component_kind}}</th><th scope="col">{{t.component_slot}}</th><th scope="col">{{t.component_model}}</th><th scope="col">{{t.component_serial}}</th></tr></thead>
        <tbody>{{#components}}<tr><td data-label="{{t.component_kind}}">{{kind}}</td><td data-label="{{t.component_slot}}">{{slot}}</td><td data-label="{{t.component_model}}">{{model}}</td><td data-label="{{t.component_serial}}">{{serial}}</td></tr>{{/components}}</tbody></table>
        </section>
        {{/hasComponents}}
        {{#tickets}}{{#hasRows}}
        <section aria-labelledby="asset-tickets"><h2 id="asset-tickets">{{t.asset_tickets}}</h2>{{>ticketTable}}</section>
        {{/hasRows}}{{/tickets}}
        {{#hasHistory}}
        <section aria-labelledby="history"><h2 id="history">{{t.asset_history}}</h2>
        <ul class="history">{{#history}}<li><span class="when">{{when}}</span> {{summary}}</li>{{/history}}</ul>
        </section>
        {{/hasHistory}}
        {{/content}}
        {{/content}}{{/layout}}
        """,
        "software": """
        {{<layout}}{{$content}}
        {{#content}}
        <p><a href="{{back}}">{{backText}}</a></p>
        <form method="get" action="{{action}}" role="search"><p><label for="q">{{t.search}}</label><br>
        <input id="q" name="q" type="search" maxlength="100" value="{{search}}"> <button type="submit">{{t.searchButton}}</button></p></form>
        {{#hasRows}}
        <table class="list"><thead><tr><th scope="col">{{t.software_name}}</th><th scope="col">{{t.software_version}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td data-label="{{t.software_name}}">{{name}}</td><td data-label="{{t.software_version}}">{{version}}</td></tr>{{/rows}}</tbody></table>
        {{/hasRows}}{{^hasRows}}<p>{{t.none}}</p>{{/hasRows}}
        {{#pager}}{{>pager}}{{/pager}}
        {{/content}}
        {{/content}}{{/layout}}
        """,
        "tickets": """
        {{<layout}}{{$content}}
        {{#content}}
        <p><a class="button" href="/portal/tickets/new">{{t.home_newTicket}}</a></p>
        <p><a href="/portal/tickets"{{^all}} aria-current="page"{{/all}}>{{t.tickets_open}}</a> · <a href="/portal/tickets?all=1"{{#all}} aria-current="page"{{/all}}>{{t.tickets_all}}</a></p>
        <form method="get" action="/portal/tickets" role="search">{{#all}}<input type="hidden" name="all" value="1">{{/all}}<p><label for="q">{{t.search}}</label><br>
        <input id="q" name="q" type="search" maxlength="100" value="{{search}}"> <button type="submit">{{t.searchButton}}</button></p></form>
        {{#hasRows}}{{>ticketTable}}{{/hasRows}}{{^hasRows}}<p>{{t.none}}</p>{{/hasRows}}
        {{#pager}}{{>pager}}{{/pager}}
        {{/content}}
        {{/content}}{{/layout}}
        """,
        "ticket": """
        {{<layout}}{{$content}}
        {{#content}}
        {{>fields}}
        {{#description}}<section aria-labelledby="description"><h2 id="description">{{t.ticket_description}}</h2><p class="text">{{.}}</p></section>{{/description}}
        {{#resolution}}<section aria-labelledby="resolution"><h2 id="resolution">{{t.ticket_resolution}}</h2><p class="text">{{.}}</p></section>{{/resolution}}
        {{#hasActions}}
        <div class="actions">
        {{#canClose}}<form method="post" action="{{base}}/close"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">{{t.ticket_close}}</button></form>{{/canClose}}
        {{#canReopen}}<form method="post" action="{{base}}/reopen"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary">{{t.ticket_reopen}}</button></form>{{/canReopen}}
        </div>
        {{/hasActions}}
        <section aria-labelledby="comments"><h2 id="comments">{{t.ticket_comments}}</h2>
        {{#hasComments}}<ol class="comments">{{#comments}}<li><p class="meta"><strong>{{author}}</strong> · {{when}}</p><p class="text">{{body}}</p></li>{{/comments}}</ol>{{/hasComments}}
        {{^hasComments}}<p>{{t.ticket_noComments}}</p>{{/hasComments}}
        {{#canComment}}
        <form method="post" action="{{base}}/comments">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="body">{{t.ticket_comment}}</label><br><textarea id="body" name="body" rows="5" required maxlength="20000"></textarea></p>
        <p><button type="submit">{{t.ticket_send}}</button></p>
        </form>
        {{/canComment}}
        {{^canComment}}<p>{{t.ticket_closedNote}}</p>{{/canComment}}
        </section>
        <section aria-labelledby="interventions"><h2 id="interventions">{{t.ticket_interventions}}</h2>
        {{#hasInterventions}}
        <table class="list"><thead><tr><th scope="col">{{t.ticket_workedOn}}</th><th scope="col">{{t.ticket_technician}}</th><th scope="col">{{t.ticket_minutes}}</th></tr></thead>
        <tbody>{{#interventions}}<tr><td data-label="{{t.ticket_workedOn}}">{{day}}</td><td data-label="{{t.ticket_technician}}">{{technician}}</td><td data-label="{{t.ticket_minutes}}">{{time}}</td></tr>{{/interventions}}</tbody></table>
        {{/hasInterventions}}
        {{^hasInterventions}}<p>{{t.ticket_noInterventions}}</p>{{/hasInterventions}}
        </section>
        {{/content}}
        {{/content}}{{/layout}}
        """,
        "ticketNew": """
        {{<layout}}{{$content}}
        {{#content}}
        <form method="post" action="/portal/tickets">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="title">{{t.ticket_title}}</label><br><span class="hint" id="title-hint">{{t.ticket_titleHint}}</span><br>
        <input id="title" name="title" type="text" required maxlength="200" value="{{title}}" aria-describedby="title-hint"></p>
        <p><label for="description">{{t.ticket_description}}</label><br><textarea id="description" name="description" rows="6" maxlength="20000">{{description}}</textarea></p>
        <p><label for="priority">{{t.ticket_priority}}</label><br><span class="hint" id="priority-hint">{{t.ticket_priorityHint}}</span><br>
        <select id="priority" name="priority" aria-describedby="priority-hint">{{#priorities}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/priorities}}</select></p>
        {{#hasAssets}}
        <p><label for="asset">{{t.ticket_asset}}</label><br>
        <select id="asset" name="asset"><option value="">{{t.ticket_noAsset}}</option>{{#assets}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/assets}}</select></p>
        {{/hasAssets}}
        {{#typesAsset}}
        <p><label for="asset-name">{{t.ticket_asset}}</label><br><span class="hint" id="asset-hint">{{t.ticket_assetHint}}</span><br>
        <input id="asset-name" name="assetName" type="text" maxlength="100" value="{{assetName}}" aria-describedby="asset-hint"></p>
        {{/typesAsset}}
        <p><button type="submit">{{t.ticket_create}}</button></p>
        </form>
        {{/content}}
        {{/content}}{{/layout}}
        """,
        "licences": """
        {{<layout}}{{$content}}
        {{#content}}
        {{#hasRows}}
        <table class="list"><thead><tr><th scope="col">{{t.licence_product}}</th><th scope="col">{{t.licence_seats}}</th><th scope="col">{{t.licence_used}}</th><th scope="col">{{t.licence_expires}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td data-label="{{t.licence_product}}">{{product}}</td><td data-label="{{t.licence_seats}}">{{seats}}</td><td data-label="{{t.licence_used}}">{{used}}</td><td data-label="{{t.licence_expires}}">{{expires}}</td></tr>{{/rows}}</tbody></table>
        {{/hasRows}}{{^hasRows}}<p>{{t.none}}</p>{{/hasRows}}
        {{#pager}}{{>pager}}{{/pager}}
        {{/content}}
        {{/content}}{{/layout}}
        """,
        "invoices": """
        {{<layout}}{{$content}}
        {{#content}}
        {{#hasRows}}{{>invoiceTable}}{{/hasRows}}{{^hasRows}}<p>{{t.none}}</p>{{/hasRows}}
        {{#pager}}{{>pager}}{{/pager}}
        {{/content}}
        {{/content}}{{/layout}}
        """,
        "invoice": """
        {{<layout}}{{$content}}
        {{#content}}
        <p class="downloads"><a href="{{pdf}}">{{t.invoice_downloadPDF}}</a> · <a href="{{ubl}}">{{t.invoice_downloadUBL}}</a></p>
        {{>fields}}
        <table class="list"><thead><tr><th scope="col">{{t.invoice_line}}</th><th scope="col">{{t.invoice_amount}}</th></tr></thead>
        <tbody>{{#lines}}<tr><td data-label="{{t.invoice_line}}">{{description}}</td><td data-label="{{t.invoice_amount}}" class="amount">{{amount}}</td></tr>{{/lines}}</tbody></table>
        {{#totals}}{{>fields}}{{/totals}}
        <section aria-labelledby="payments"><h2 id="payments">{{t.invoice_payments}}</h2>
        {{#hasPayments}}<ul>{{#payments}}<li>{{.}}</li>{{/payments}}</ul>{{/hasPayments}}{{^hasPayments}}<p>{{t.invoice_noPayments}}</p>{{/hasPayments}}
        </section>
        {{/content}}
        {{/content}}{{/layout}}
        """,
        "contracts": """
        {{<layout}}{{$content}}
        {{#content}}
        {{#hasRows}}
        <table class="list"><thead><tr><th scope="col">{{t.contract_reference}}</th><th scope="col">{{t.contract_title}}</th><th scope="col">{{t.contract_status}}</th><th scope="col">{{t.contract_starts}}</th><th scope="col">{{t.contract_ends}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td data-label="{{t.contract_reference}}"><a href="{{link}}">{{reference}}</a></td><td data-label="{{t.contract_title}}">{{title}}</td><td data-label="{{t.contract_status}}">{{status}}</td><td data-label="{{t.contract_starts}}">{{starts}}</td><td data-label="{{t.contract_ends}}">{{ends}}</td></tr>{{/rows}}</tbody></table>
        {{/hasRows}}{{^hasRows}}<p>{{t.none}}</p>{{/hasRows}}
        {{#pager}}{{>pager}}{{/pager}}
        {{/content}}
        {{/content}}{{/layout}}
        """,
        "contract": """
        {{<layout}}{{$content}}
        {{#content}}
        {{>fields}}
        <section aria-labelledby="coverage"><h2 id="coverage">{{t.contract_coverage}}</h2>{{#coverage}}{{>fields}}{{/coverage}}</section>
        <section aria-labelledby="sla"><h2 id="sla">{{t.contract_sla}}</h2>
        {{#hasSLA}}<p>{{t.contract_hours}} : {{slaHours}}</p>
        <table class="list"><thead><tr><th scope="col">{{t.ticket_priority}}</th><th scope="col">{{t.contract_response}}</th><th scope="col">{{t.contract_resolution}}</th></tr></thead>
        <tbody>{{#targets}}<tr><td data-label="{{t.ticket_priority}}">{{priority}}</td><td data-label="{{t.contract_response}}">{{response}}</td><td data-label="{{t.contract_resolution}}">{{resolution}}</td></tr>{{/targets}}</tbody></table>
        {{/hasSLA}}{{^hasSLA}}<p>{{t.contract_noSLA}}</p>{{/hasSLA}}
        </section>
        <section aria-labelledby="lines"><h2 id="lines">{{t.contract_lines}}</h2><ul>{{#lines}}<li>{{.}}</li>{{/lines}}</ul></section>
        {{/content}}
        {{/content}}{{/layout}}
        """,
        "users": """
        {{<layout}}{{$content}}
        {{#content}}
        {{#link}}<p class="secret" role="status">{{.}}</p>{{/link}}
        <section aria-labelledby="invite"><h2 id="invite">{{t.users_invite}}</h2>
        <form method="post" action="/portal/users">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="invite-email">{{t.users_employeeEmail}}</label><br><span class="hint" id="invite-hint">{{t.users_inviteHint}}</span><br>
        <input id="invite-email" name="email" type="text" inputmode="email" autocomplete="off" required maxlength="254" aria-describedby="invite-hint"></p>
        <p><label for="role">{{t.users_role}}</label><br><select id="role" name="role">{{#roles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/roles}}</select></p>
        <p><button type="submit">{{t.users_send}}</button></p>
        </form>
        </section>
        <section aria-labelledby="accounts"><h2 id="accounts">{{t.users_title}}</h2>
        <table class="list"><thead><tr><th scope="col">{{t.users_name}}</th><th scope="col">{{t.users_email}}</th><th scope="col">{{t.users_role}}</th><th scope="col">{{t.users_status}}</th><th scope="col">{{t.users_lastLogin}}</th><th scope="col">{{t.users_actions}}</th></tr></thead>
        <tbody>{{#users}}<tr><td data-label="{{t.users_name}}">{{name}}{{#isYou}} ({{t.users_you}}){{/isYou}}</td><td data-label="{{t.users_email}}">{{email}}</td><td data-label="{{t.users_role}}">{{role}}</td><td data-label="{{t.users_status}}">{{status}}</td><td data-label="{{t.users_lastLogin}}">{{lastLogin}}</td>
        <td data-label="{{t.users_actions}}">{{^isYou}}
        <form method="post" action="/portal/users/{{id}}/role" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><label for="role-{{id}}" class="visually-hidden">{{t.users_role}} · {{name}}</label><select id="role-{{id}}" name="role">{{#roles}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/roles}}</select> <button type="submit" class="secondary">{{t.users_changeRole}}</button></form>
        <form method="post" action="/portal/users/{{id}}/{{toggle}}" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary">{{toggleLabel}}</button></form>
        {{^disabled}}<form method="post" action="/portal/users/{{id}}/link" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary">{{t.users_newLink}}</button></form>{{/disabled}}
        {{/isYou}}</td></tr>{{/users}}</tbody></table>
        </section>
        {{/content}}
        {{/content}}{{/layout}}
        """,
        "tokens": """
        {{<layout}}{{$content}}
        {{#content}}
        <p>{{t.tokens_intro}}</p>
        {{#secret}}<div class="secret" role="status"><p>{{t.tokens_secret}}</p><p><code>{{.}}</code></p></div>{{/secret}}
        <form method="post" action="/portal/tokens">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <p><label for="name">{{t.tokens_name}}</label><br><input id="name" name="name" type="text" required maxlength="100"></p>
        <p><label for="days">{{t.tokens_days}}</label><br><input id="days" name="days" type="number" min="1" max="365" value="90" required></p>
        <p><button type="submit">{{t.tokens_create}}</button></p>
        </form>
        {{#hasRows}}
        <table class="list"><thead><tr><th scope="col">{{t.tokens_name}}</th><th scope="col">{{t.tokens_created}}</th><th scope="col">{{t.tokens_expires}}</th><th scope="col">{{t.tokens_lastUsed}}</th><th scope="col">{{t.users_actions}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td data-label="{{t.tokens_name}}">{{name}}</td><td data-label="{{t.tokens_created}}">{{created}}</td><td data-label="{{t.tokens_expires}}">{{expires}}</td><td data-label="{{t.tokens_lastUsed}}">{{lastUsed}}</td>
        <td data-label="{{t.users_actions}}"><form method="post" action="/portal/tokens/{{id}}/revoke"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="secondary">{{t.tokens_revoke}} · {{name}}</button></form></td></tr>{{/rows}}</tbody></table>
        {{/hasRows}}{{^hasRows}}<p>{{t.tokens_none}}</p>{{/hasRows}}
        {{/content}}
        {{/content}}{{/layout}}
        """,
    ]

    static let stylesheet = """
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff;overflow-wrap:anywhere}
        header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between;padding:.75rem 1rem;background:#0b3d5c;color:#fff}
        header a,header button{color:#fff}
        header form{display:inline}
        .brand{margin:0;font-weight:700}
        main{max-width:48rem;margin:0 auto;padding:1rem}
        input{width:100%;max-width:24rem;padding:.5rem;font:inherit;border:1px solid #555;border-radius:4px}
        button{padding:.5rem 1rem;font:inherit;background:#0b3d5c;color:#fff;border:1px solid #0b3d5c;border-radius:4px;cursor:pointer}
        header button{background:transparent;border-color:#fff}
        a{color:#0b4f7a}
        :focus-visible{outline:3px solid #e8a100;outline-offset:2px}
        .message,.problems{padding:.5rem 1rem;border-left:4px solid #a4002b;background:#fdeef1}
        .skip{position:absolute;left:-999px}
        .skip:focus{left:1rem;top:1rem;background:#fff;color:#000;padding:.5rem;z-index:1}
        .menu{background:#e9f0f5;border-bottom:1px solid #c5d3de}
        .menu ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;max-width:64rem;margin:0 auto;padding:.5rem 1rem;list-style:none}
        .menu a{text-decoration:none;padding:.25rem 0}
        .menu a[aria-current]{font-weight:700;border-bottom:3px solid #0b3d5c}
        main{max-width:64rem}
        textarea,select{width:100%;max-width:40rem;padding:.5rem;font:inherit;border:1px solid #555;border-radius:4px}
        .hint{color:#444;font-size:.9rem}
        .button{display:inline-block;padding:.5rem 1rem;background:#0b3d5c;color:#fff;border-radius:4px;text-decoration:none}
        button.secondary{background:#fff;color:#0b3d5c}
        .actions{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}
        .actions form{margin:0}
        table.list{width:100%;border-collapse:collapse;margin:.5rem 0 1rem}
        table.list th,table.list td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #ccc;vertical-align:top}
        table.list th{background:#f3f5f7}
        .amount{text-align:right;white-space:nowrap}
        .status{display:inline-block;padding:0 .4rem;border-radius:3px;background:#eef1f4;border:1px solid #8a99a8}
        .status-waiting-for-client,.status-overdue{background:#fff2d6;border-color:#9a6700}
        .status-resolved,.status-paid{background:#e6f4ea;border-color:#1e6b34}
        dl.fields{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.25rem 1rem}
        dt{font-weight:600}
        dd{margin:0}
        .text{white-space:pre-wrap}
        ol.comments{list-style:none;padding:0}
        ol.comments li{border-left:4px solid #c5d3de;padding:.25rem .75rem;margin:.75rem 0}
        .meta{margin:0;color:#444;font-size:.9rem}
        .pager p{margin:.25rem 0}
        form.inline{display:inline-block;margin:.1rem .25rem .1rem 0}
        form.inline select{width:auto}
        .secret{padding:.5rem 1rem;border-left:4px solid #1e6b34;background:#e6f4ea}
        code{overflow-wrap:anywhere;font-size:.95rem}
        .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        @media (max-width:40rem){
        table.list thead{position:absolute;left:-9999px}
        table.list tr{display:block;border-bottom:2px solid #999;padding:.25rem 0}
        table.list td{display:block;border:0;padding:.15rem 0;text-align:left}
        table.list td::before{content:attr(data-label) " : ";font-weight:600}
        dl.fields{grid-template-columns:1fr}
        }
        """
}
