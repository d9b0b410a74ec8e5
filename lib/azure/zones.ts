/**
 * Availability zone placement shared by zone-redundant resources (gateway public IPs,
 * AKS system pools).
 *
 * Regions without availability zones cannot host these (the AZ VPN gateway SKUs require
 * zone-redundant public IPs); the topology does not check this yet, so such a region
 * fails at deploy time.
 */
export const ALL_ZONES: readonly string[] = ['1', '2', '3'];
