/// Interventions: contracts (with their SLA terms; the billing issue extends them), provider
/// settings, tickets with their history, comments, time and materials, technicians' cost and
/// skills, and preventive maintenance plans with the occurrences already opened.
enum M0007_Interventions {
    static let migration = Migration(version: 7, name: "interventions") { flavor in
        let id = flavor.idColumn
        return [
            "ALTER TABLE staff_users ADD COLUMN hourly_cost_cents BIGINT CHECK (hourly_cost_cents >= 0)",
            "ALTER TABLE staff_users ADD COLUMN skills TEXT",
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL)",
            """
            CREATE TABLE contracts (
                id \(id),
                client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
                reference TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL,
                starts_on TEXT NOT NULL,
                ends_on TEXT,
                status TEXT NOT NULL,
                sla TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                CHECK (ends_on IS NULL OR ends_on >= starts_on))
            """,
            "CREATE INDEX contracts_client ON contracts (client_id, status)",
            """
            CREATE TABLE maintenance_plans (
                id \(id),
                client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
                name TEXT NOT NULL,
                kind TEXT,
                recurrence_every BIGINT NOT NULL CHECK (recurrence_every > 0),
                recurrence_unit TEXT NOT NULL,
                starts_on TEXT NOT NULL,
                checklist TEXT NOT NULL,
                estimated_minutes BIGINT,
                technician_id BIGINT REFERENCES staff_users(id) ON DELETE RESTRICT,
                lead_days BIGINT NOT NULL,
                priority TEXT NOT NULL,
                paused BOOLEAN NOT NULL,
                scheduled_through TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE maintenance_plan_assets (
                plan_id BIGINT NOT NULL REFERENCES maintenance_plans(id) ON DELETE RESTRICT,
                asset_id BIGINT NOT NULL REFERENCES assets(id) ON DELETE RESTRICT,
                PRIMARY KEY (plan_id, asset_id))
            """,
            "CREATE TABLE ticket_sequences (year BIGINT PRIMARY KEY, last_number BIGINT NOT NULL)",
            """
            CREATE TABLE tickets (
                id \(id),
                number TEXT NOT NULL UNIQUE,
                client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
                title TEXT NOT NULL,
                description TEXT,
                type TEXT NOT NULL,
                priority TEXT NOT NULL,
                status TEXT NOT NULL,
                reporter_kind TEXT NOT NULL,
                reporter_name TEXT NOT NULL,
                reporter_employee_id BIGINT REFERENCES employees(id) ON DELETE RESTRICT,
                reporter_staff_id BIGINT REFERENCES staff_users(id) ON DELETE RESTRICT,
                technician_id BIGINT REFERENCES staff_users(id) ON DELETE RESTRICT,
                resolution TEXT,
                maintenance_plan_id BIGINT REFERENCES maintenance_plans(id) ON DELETE RESTRICT,
                scheduled_for TEXT,
                estimated_minutes BIGINT,
                sla_source TEXT NOT NULL,
                sla_hours TEXT NOT NULL,
                response_target_minutes BIGINT,
                resolution_target_minutes BIGINT,
                response_due_at TEXT,
                resolution_due_at TEXT,
                responded_at TEXT,
                response_met BOOLEAN,
                resolution_met BOOLEAN,
                sla_breach_at TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                resolved_at TEXT,
                closed_at TEXT)
            """,
            // The open-ticket queue, in the order it is listed, without reading done tickets.
            "CREATE INDEX tickets_open ON tickets (priority, id) WHERE status NOT IN ('resolved', 'closed')",
            // "Breached" and "due soon" are a range of this column (see `SLAClock.breachAt`).
            "CREATE INDEX tickets_open_breach ON tickets (sla_breach_at) WHERE status NOT IN ('resolved', 'closed')",
            "CREATE INDEX tickets_breach ON tickets (sla_breach_at)",
            "CREATE INDEX tickets_client ON tickets (client_id, status)",
            "CREATE INDEX tickets_technician ON tickets (technician_id, status)",
            """
            CREATE TABLE ticket_assets (
                ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE RESTRICT,
                asset_id BIGINT NOT NULL REFERENCES assets(id) ON DELETE RESTRICT,
                PRIMARY KEY (ticket_id, asset_id))
            """,
            "CREATE INDEX ticket_assets_asset ON ticket_assets (asset_id)",
            """
            CREATE TABLE ticket_events (
                id \(id),
                ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE RESTRICT,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                kind TEXT NOT NULL,
                summary TEXT NOT NULL,
                status TEXT)
            """,
            "CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id)",
            """
            CREATE TABLE ticket_comments (
                id \(id),
                ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE RESTRICT,
                author TEXT NOT NULL,
                body TEXT NOT NULL,
                is_public BOOLEAN NOT NULL,
                created_at TEXT NOT NULL)
            """,
            "CREATE INDEX ticket_comments_ticket ON ticket_comments (ticket_id)",
            """
            CREATE TABLE time_entries (
                id \(id),
                ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE RESTRICT,
                technician_id BIGINT NOT NULL REFERENCES staff_users(id) ON DELETE RESTRICT,
                worked_on TEXT NOT NULL,
                minutes BIGINT NOT NULL CHECK (minutes > 0),
                billable BOOLEAN NOT NULL,
                note TEXT,
                created_at TEXT NOT NULL)
            """,
            "CREATE INDEX time_entries_ticket ON time_entries (ticket_id)",
            "CREATE INDEX time_entries_day ON time_entries (worked_on)",
            """
            CREATE TABLE ticket_materials (
                id \(id),
                ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE RESTRICT,
                description TEXT NOT NULL,
                quantity BIGINT NOT NULL CHECK (quantity > 0),
                unit_price_cents BIGINT CHECK (unit_price_cents >= 0),
                asset_id BIGINT REFERENCES assets(id) ON DELETE RESTRICT,
                added_by TEXT NOT NULL,
                created_at TEXT NOT NULL)
            """,
            "CREATE INDEX ticket_materials_ticket ON ticket_materials (ticket_id)",
            // One row per asset and occurrence: the database, not the scheduler, makes a second ticket impossible.
            """
            CREATE TABLE maintenance_occurrences (
                plan_id BIGINT NOT NULL REFERENCES maintenance_plans(id) ON DELETE RESTRICT,
                asset_id BIGINT NOT NULL REFERENCES assets(id) ON DELETE RESTRICT,
                due_on TEXT NOT NULL,
                ticket_id BIGINT REFERENCES tickets(id) ON DELETE RESTRICT,
                PRIMARY KEY (plan_id, asset_id, due_on))
            """,
        ]
    }
}
