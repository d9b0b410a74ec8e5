/**
 * The one IPsec/IKE proposal both ends of the cross-cloud link configure.
 *
 * Both clouds import these values, so the proposals match by construction: the Azure
 * connections (`azurerm_virtual_network_gateway_connection.ipsec_policy`) and the AWS VPN
 * tunnels (`AWS::EC2::VPNConnection` `VpnTunnelOptionsSpecifications`). A custom policy on
 * Azure is explicit on purpose: Azure's default offer list is long and AWS would pick
 * whatever matches first.
 *
 * - Phase 1 (IKE SA): IKEv2, AES-256, SHA-256, DH group 14, 28 800 s. Azure's IKE SA
 *   lifetime is fixed at 28 800 s (not configurable), so AWS uses the same value.
 * - Phase 2 (child SA): AES-256, SHA-256, PFS with DH group 14, 3 600 s (AWS's maximum
 *   phase 2 lifetime; Azure's default of 27 000 s would make the two sides rekey at
 *   different times).
 * - Dead peer detection: 45 s (Azure's default; AWS accepts 30 s and more).
 *
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-vpnconnection-vpntunneloptionsspecification.html
 */

/** The proposal in cloud-neutral terms. */
export const IPSEC_PROPOSAL = {
  ikeVersion: 2,
  phase1: { encryption: 'AES256', integrity: 'SHA256', dhGroup: 14, lifetimeSeconds: 28800 },
  phase2: { encryption: 'AES256', integrity: 'SHA256', pfsDhGroup: 14, lifetimeSeconds: 3600 },
  dpdTimeoutSeconds: 45,
} as const;

/**
 * Azure spelling (`ipsec_policy` block of `azurerm_virtual_network_gateway_connection`).
 * `PFS2048` is Azure's name for PFS with DH group 14; `sa_lifetime` is the phase 2 lifetime.
 */
export const AZURE_IPSEC_POLICY = {
  dhGroup: 'DHGroup14',
  ikeEncryption: 'AES256',
  ikeIntegrity: 'SHA256',
  ipsecEncryption: 'AES256',
  ipsecIntegrity: 'SHA256',
  pfsGroup: 'PFS2048',
  saLifetime: IPSEC_PROPOSAL.phase2.lifetimeSeconds,
} as const;

/** Azure connection protocol and dead peer detection timeout. */
export const AZURE_CONNECTION_PROTOCOL = 'IKEv2';
export const AZURE_DPD_TIMEOUT_SECONDS = IPSEC_PROPOSAL.dpdTimeoutSeconds;

/**
 * AWS spelling (`VpnTunnelOptionsSpecification`; wrap list values as `{ Value }` where
 * CloudFormation expects objects).
 */
export const AWS_TUNNEL_OPTIONS = {
  IKEVersions: ['ikev2'],
  Phase1EncryptionAlgorithms: ['AES256'],
  Phase1IntegrityAlgorithms: ['SHA2-256'],
  Phase1DHGroupNumbers: [IPSEC_PROPOSAL.phase1.dhGroup],
  Phase1LifetimeSeconds: IPSEC_PROPOSAL.phase1.lifetimeSeconds,
  Phase2EncryptionAlgorithms: ['AES256'],
  Phase2IntegrityAlgorithms: ['SHA2-256'],
  Phase2DHGroupNumbers: [IPSEC_PROPOSAL.phase2.pfsDhGroup],
  Phase2LifetimeSeconds: IPSEC_PROPOSAL.phase2.lifetimeSeconds,
  DPDTimeoutSeconds: IPSEC_PROPOSAL.dpdTimeoutSeconds,
} as const;
