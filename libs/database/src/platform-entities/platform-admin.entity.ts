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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
