import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { NotificationChannel, NotificationEvent } from './notification-events';

/** A merchant's wording of one notification; absent means the platform default is sent. */
@Entity({ name: 'notification_templates' })
export class NotificationTemplateEntity {
  @PrimaryColumn('text')
  event!: NotificationEvent;

  @PrimaryColumn('text')
  channel!: NotificationChannel;

  /** Email only. */
  @Column('text', { nullable: true })
  subject!: string | null;

  @Column('text')
  body!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
