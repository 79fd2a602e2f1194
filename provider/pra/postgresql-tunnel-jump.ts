import { databaseTunnelSpec } from "./tunnel-jump-common";

/** A PostgreSQL tunnel Jump Item: a database reached through a Jumpoint's tunnel. PRA only. */
export const postgresqlTunnelJump = databaseTunnelSpec({
    kind: "pra:PostgresqlTunnelJump",
    title: "PostgreSQL Tunnel Jump",
    path: "/jump-item/psql-tunnel-jump",
    database: "PostgreSQL",
});
