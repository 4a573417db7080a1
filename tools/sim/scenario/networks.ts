/**
 * Where remote parties connect from. Real autonomous systems with address blocks they announce (checked against
 * the ip-location-db data the worker can load), so that a worker with the IP dataset and one reading only what
 * GuardDuty attached agree on ASN, organisation and country.
 */
export interface Network {
  asn: number;
  asnOrg: string;
  isp: string;
  /** /24 blocks of the network, as "a.b.c". */
  blocks: readonly string[];
  countryCode: string;
  countryName: string;
  city: string;
}

/** Internet-wide scanners: research and search-engine crawlers that probe every exposed port. */
export const SCANNERS: readonly Network[] = [
  {
    asn: 398324,
    asnOrg: 'CENSYS-ARIN-01',
    isp: 'Censys',
    blocks: ['162.142.125', '167.94.138', '206.168.34'],
    countryCode: 'US',
    countryName: 'United States',
    city: 'Ann Arbor',
  },
  {
    asn: 10439,
    asnOrg: 'CARINET',
    isp: 'CariNet (Shodan)',
    blocks: ['66.240.192', '66.240.205', '71.6.146', '71.6.158'],
    countryCode: 'US',
    countryName: 'United States',
    city: 'San Diego',
  },
  {
    asn: 6939,
    asnOrg: 'HURRICANE',
    isp: 'Hurricane Electric (Shadowserver)',
    blocks: ['184.105.139', '184.105.247', '216.218.206'],
    countryCode: 'US',
    countryName: 'United States',
    city: 'Fremont',
  },
];

/** GitHub-hosted Actions runners run in Azure. */
export const GITHUB_RUNNERS: Network = {
  asn: 8075,
  asnOrg: 'MICROSOFT-CORP-MSN-AS-BLOCK',
  isp: 'Microsoft Corporation',
  blocks: ['20.42.10', '20.57.44', '20.85.132', '40.84.170', '52.176.12'],
  countryCode: 'US',
  countryName: 'United States',
  city: 'Des Moines',
};

/** The tenant's own workloads calling AWS from EC2. */
export const AWS_EC2: Network = {
  asn: 16509,
  asnOrg: 'AMAZON-02',
  isp: 'Amazon.com',
  blocks: ['54.91.10', '54.160.4', '54.210.33'],
  countryCode: 'US',
  countryName: 'United States',
  city: 'Ashburn',
};

/** Rented machines attackers use: hosting and VPS providers, abroad. */
export const ATTACKER_VPS: readonly Network[] = [
  {
    asn: 14061,
    asnOrg: 'DIGITALOCEAN-ASN',
    isp: 'DigitalOcean',
    blocks: ['139.59.10', '139.59.24'],
    countryCode: 'SG',
    countryName: 'Singapore',
    city: 'Singapore',
  },
  {
    asn: 16276,
    asnOrg: 'OVH',
    isp: 'OVH SAS',
    blocks: ['51.75.140', '145.239.4'],
    countryCode: 'FR',
    countryName: 'France',
    city: 'Roubaix',
  },
  {
    asn: 24940,
    asnOrg: 'HETZNER-AS',
    isp: 'Hetzner Online',
    blocks: ['5.9.10', '78.46.10'],
    countryCode: 'DE',
    countryName: 'Germany',
    city: 'Falkenstein',
  },
];

/** Consumer and business ISPs: an office's fixed range, an admin's home. One per learning tenant. */
export const OFFICE_ISPS: readonly Network[] = [
  {
    asn: 3209,
    asnOrg: 'VODANET',
    isp: 'Vodafone GmbH',
    blocks: ['91.64.17', '91.64.18', '91.64.19'],
    countryCode: 'DE',
    countryName: 'Germany',
    city: 'Berlin',
  },
  {
    asn: 7922,
    asnOrg: 'COMCAST-7922',
    isp: 'Comcast Cable',
    blocks: ['73.162.20', '73.162.21', '73.162.22'],
    countryCode: 'US',
    countryName: 'United States',
    city: 'Chicago',
  },
  {
    asn: 3215,
    asnOrg: 'FRANCE-TELECOM',
    isp: 'Orange S.A.',
    blocks: ['90.0.10', '90.0.11', '90.0.12'],
    countryCode: 'FR',
    countryName: 'France',
    city: 'Lyon',
  },
  {
    asn: 2856,
    asnOrg: 'BT-UK-AS',
    isp: 'British Telecommunications',
    blocks: ['81.154.40', '81.154.41', '81.154.42'],
    countryCode: 'GB',
    countryName: 'United Kingdom',
    city: 'Manchester',
  },
  {
    asn: 1136,
    asnOrg: 'KPN',
    isp: 'KPN B.V.',
    blocks: ['145.53.10', '145.53.11', '145.53.12'],
    countryCode: 'NL',
    countryName: 'Netherlands',
    city: 'Utrecht',
  },
];

/** Where a travelling admin signs in from: countries no tenant's history holds. */
export const TRAVEL_ISPS: readonly Network[] = [
  {
    asn: 2516,
    asnOrg: 'KDDI',
    isp: 'KDDI Corporation',
    blocks: ['106.128.33', '106.130.77'],
    countryCode: 'JP',
    countryName: 'Japan',
    city: 'Tokyo',
  },
  {
    asn: 26599,
    asnOrg: 'TELEFONICA BRASIL S.A',
    isp: 'Vivo',
    blocks: ['177.79.41', '177.79.42'],
    countryCode: 'BR',
    countryName: 'Brazil',
    city: 'Sao Paulo',
  },
  {
    asn: 7545,
    asnOrg: 'TPG-INTERNET-AP',
    isp: 'TPG Telecom',
    blocks: ['110.174.12', '123.243.60'],
    countryCode: 'AU',
    countryName: 'Australia',
    city: 'Sydney',
  },
];
