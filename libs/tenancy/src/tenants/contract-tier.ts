/** The tenant's service contract; SLA targets are set per tier and severity. */
export enum ContractTier {
  Essential = 'ESSENTIAL',
  Standard = 'STANDARD',
  Premium = 'PREMIUM',
}
