import { databaseTunnelSpec } from "./tunnel-jump-common";

/** A MySQL tunnel Jump Item: a database reached through a Jumpoint's tunnel. PRA only. */
export const mysqlTunnelJump = databaseTunnelSpec({
    kind: "pra:MysqlTunnelJump",
    title: "MySQL Tunnel Jump",
    path: "/jump-item/mysql-tunnel-jump",
    database: "MySQL",
});
