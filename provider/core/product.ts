// The one product vocabulary. `Product` names a product API as messages and clients know it;
// `ConfigApiProduct` is which of the two products behind the PRA/RS Configuration API an appliance
// runs (they share paths and differ in kinds and fields), as connection settings spell it.
export type Product = "PRA" | "RS" | "EPM" | "PasswordSafe";
export type ConfigApiProduct = "pra" | "rs";
