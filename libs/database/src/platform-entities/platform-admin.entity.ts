import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An operator of the platform itself; signs in through the same login as merchants. */
@Entity({ schema: 'platform', name: 'platform_admins' })
export class PlatformAdminEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Stored lowercased; unique among admins (signup refuses it for merchants too). */
  @Column('text', { unique: true })
  email!: string;

  @Column('text', { name: 'password_hash' })
  passwordHash!: string;

  /** Access tokens issued before the last bump (a password change) are refused. */
  @Column('integer', { name: 'token_version', default: 0 })
  tokenVersion!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
