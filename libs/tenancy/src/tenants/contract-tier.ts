/** The tenant's service contract; SLA targets are set per tier and severity. */
export enum ContractTier {
  ESSENTIAL = 'ESSENTIAL',
  STANDARD = 'STANDARD',
  PREMIUM = 'PREMIUM',
}
