/**
 * The shared IPsec/IKE proposal (lib/topology/ipsec.ts, also used for Azure's `ipsec_policy`)
 * in the shape of `CfnVPNConnection.VpnTunnelOptionsSpecificationProperty`. No values are
 * defined here: both clouds read the one proposal, so the tunnels' offers match by construction.
 *
 * Only AWS-side behaviour that has no Azure counterpart is chosen here: what dead peer
 * detection does on timeout, and that AWS also initiates IKE.
 * @see https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
 */
import type { CfnVPNConnection } from 'aws-cdk-lib/aws-ec2';
import { AWS_TUNNEL_OPTIONS } from '../topology/ipsec';

const values = <T>(list: readonly T[]) => list.map((value) => ({ value }));

/** The proposal as tunnel options (without the per-tunnel inside CIDR, key and logs). */
export function awsTunnelCrypto(): CfnVPNConnection.VpnTunnelOptionsSpecificationProperty {
  const o = AWS_TUNNEL_OPTIONS;
  return {
    ikeVersions: values(o.IKEVersions),
    phase1EncryptionAlgorithms: values(o.Phase1EncryptionAlgorithms),
    phase1IntegrityAlgorithms: values(o.Phase1IntegrityAlgorithms),
    phase1DhGroupNumbers: values(o.Phase1DHGroupNumbers),
    phase1LifetimeSeconds: o.Phase1LifetimeSeconds,
    phase2EncryptionAlgorithms: values(o.Phase2EncryptionAlgorithms),
    phase2IntegrityAlgorithms: values(o.Phase2IntegrityAlgorithms),
    phase2DhGroupNumbers: values(o.Phase2DHGroupNumbers),
    phase2LifetimeSeconds: o.Phase2LifetimeSeconds,
    dpdTimeoutSeconds: o.DPDTimeoutSeconds,
    // Restart renegotiates a dead tunnel on its own instead of waiting for Azure to retry.
    dpdTimeoutAction: 'restart',
    // Azure's gateway also initiates; AWS starting IKE too brings tunnels up without waiting for traffic.
    startupAction: 'start',
  };
}
