/**
 * Autonomous systems of cloud, hosting and VPS providers: an API call or a connection from one of them is
 * from a rented machine, not from an office or a home. Curated by hand from each provider's published ASNs
 * (PeeringDB records and the providers' own network pages, checked December 2026) and the ASNs GuardDuty
 * reports for its *.OutsideAWS / hosting findings. Extend it by adding a line; keep the provider name, it is
 * what analysts read. The list is deliberately about infrastructure you can rent by the hour: CDNs that only
 * proxy (e.g. Cloudflare 13335) and consumer ISPs are not on it.
 */
export const HOSTING_ASNS: ReadonlyMap<number, string> = new Map([
  [16509, 'Amazon AWS'],
  [14618, 'Amazon AWS'],
  [8987, 'Amazon AWS (Ireland)'],
  [15169, 'Google'],
  [396982, 'Google Cloud'],
  [19527, 'Google Cloud'],
  [8075, 'Microsoft Azure'],
  [14061, 'DigitalOcean'],
  [16276, 'OVH'],
  [24940, 'Hetzner'],
  [213230, 'Hetzner Cloud'],
  [212317, 'Hetzner (Helsinki)'],
  [63949, 'Linode / Akamai Connected Cloud'],
  [20473, 'Vultr / Choopa'],
  [45102, 'Alibaba Cloud'],
  [37963, 'Alibaba Cloud (China)'],
  [132203, 'Tencent Cloud'],
  [45090, 'Tencent Cloud (China)'],
  [51167, 'Contabo'],
  [12876, 'Scaleway'],
  [31898, 'Oracle Cloud'],
  [36351, 'IBM Cloud / SoftLayer'],
  [62567, 'DigitalOcean (legacy)'],
  [200130, 'DigitalOcean (legacy)'],
  [46606, 'Unified Layer / Bluehost'],
  [26496, 'GoDaddy'],
  [398101, 'GoDaddy'],
  [8560, 'IONOS'],
  [197540, 'netcup'],
  [9009, 'M247'],
  [60068, 'Datacamp / CDN77'],
  [212238, 'Datacamp'],
  [53667, 'FranTech / BuyVM'],
  [141995, 'Contabo (Asia)'],
  [49981, 'WorldStream'],
  [16265, 'LeaseWeb'],
  [60781, 'LeaseWeb (NL)'],
  [30633, 'LeaseWeb (US)'],
  [54290, 'Hostwinds'],
  [55990, 'Huawei Cloud'],
  [136907, 'Huawei Cloud'],
  [38365, 'Baidu Cloud'],
  [9370, 'Sakura Internet'],
  [7506, 'GMO Internet'],
  [47583, 'Hostinger'],
  [202053, 'UpCloud'],
]);

export function hostingProvider(asn: number | undefined): string | undefined {
  return asn === undefined ? undefined : HOSTING_ASNS.get(asn);
}
