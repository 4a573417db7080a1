import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** The global set's version and last creation number: one row, bumped like `PatternSetVersion`. */
@Entity({ name: 'global_pattern_set_version' })
@Check('global_pattern_set_version_singleton_check', 'singleton')
export class GlobalPatternSetVersion {
  @PrimaryColumn({ type: 'boolean', default: true })
  singleton: boolean;

  @Column({ type: 'bigint', default: 0 })
  version: string;

  @Column({ name: 'last_seq', type: 'integer', default: 0 })
  lastSeq: number;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;
}
