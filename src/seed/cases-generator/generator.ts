// The cases generator proper: one case (with its people, gang, property, identifiers and
// timeline) per call of next(), in reporting-time order, into the chunk's tables.
import { caseSearchTerms } from '../../modules/cases/index.ts';
import * as D from '../cases-generator-data.ts';
import { caseText, coldCaseText, localDate, pickDetail, type TextContext } from '../cases-generator-text.ts';
import { Calendar, DAY, HOUR, type Period, SEED_PERIOD, yearOf } from './calendar.ts';
import type { Geography, Leaf } from './geography.ts';
import { idCheckDigit } from './id-number.ts';
import { type Gang, type Person, SlotHeap } from './people.ts';
import { Rng, Weighted } from './random.ts';
import type { Tables } from './tables.ts';

const SPECS = new Map(D.CATEGORY_SPECS.map((s) => [s.code, s]));
const family = (code: string) => code.split('.')[0]!;
const SURNAME_PICK = new Weighted(
  D.SURNAMES.map(([s]) => s),
  D.SURNAMES.map(([, w]) => w),
);
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export class CaseGenerator {
  readonly rng: Rng;
  private readonly calendar: Calendar;
  /** The category mix of the period's first and second year (the seed reports' 2019 and 2020). */
  private readonly categories: Record<0 | 1, Weighted<D.CategorySpec>>;
  private readonly sequence = new Map<string, number>();
  private readonly slots = new SlotHeap();
  private readonly recentSuspects = new Map<string, Person[]>();
  private readonly mules: Array<{ kind: 'phone' | 'bank_account'; value: string }> = [];
  /** One case of every category at evenly spaced positions, so that even rare ones appear in small runs. */
  private readonly coverage = new Map<number, D.CategorySpec>();
  private gangCount = 0;
  private firstFraudRing = true;
  index = 0;
  t!: Tables;

  constructor(
    private readonly geo: Geography,
    private readonly total: number,
    seed: number,
    private readonly prefix: string,
    period: Period = SEED_PERIOD,
  ) {
    this.rng = new Rng(seed, prefix);
    this.calendar = new Calendar(period);
    this.categories = {
      0: new Weighted(
        D.CATEGORY_SPECS,
        D.CATEGORY_SPECS.map((s) => s.w2019),
      ),
      1: new Weighted(
        D.CATEGORY_SPECS,
        D.CATEGORY_SPECS.map((s) => s.w2020 ?? s.w2019),
      ),
    };
    D.CATEGORY_SPECS.forEach((spec, i) => this.coverage.set(Math.floor(((i + 0.5) * total) / D.CATEGORY_SPECS.length), spec));
  }

  // ---- people and identifiers ----

  private birth(at: number, minAge: number, maxAge: number): number {
    return at - Math.floor((this.rng.int(minAge, maxAge) * 365.25 + this.rng.next() * 365) * DAY);
  }

  private person(home: Leaf, at: number, born: number, male: boolean, withPhone = true): Person {
    const r = this.rng;
    let name: string;
    if (home.provinceCode === '150000' && r.chance(0.12)) name = r.pick(male ? D.MONGOLIAN_MALE : D.MONGOLIAN_FEMALE);
    else
      name =
        SURNAME_PICK.pick(r) + r.pick(male ? D.GIVEN_MALE : D.GIVEN_FEMALE) + (r.chance(0.65) ? r.pick(male ? D.GIVEN_MALE : D.GIVEN_FEMALE) : '');
    const { y, m, d } = localDate(born);
    const seq = pad2(r.int(0, 99)) + String(r.int(0, 4) * 2 + (male ? 1 : 0));
    const first17 = `${home.code}${y}${pad2(m)}${pad2(d)}${seq}`;
    const p: Person = {
      id: r.uuid(),
      name,
      mask: name[0] + (name.length >= 3 ? '某某' : '某'),
      idNumber: first17 + idCheckDigit(first17),
      phone: withPhone && r.chance(0.85) ? this.phone() : null,
    };
    this.t.persons.push(p.id, p.name, p.idNumber, p.phone, home.code, at);
    return p;
  }

  private phone(): string {
    return this.rng.pick(D.PHONE_PREFIXES) + this.rng.digits(8);
  }

  private account(): string {
    return this.rng.pick(D.BANK_BINS) + this.rng.digits(this.rng.pick([10, 13]));
  }

  private plate(leaf: Leaf): string {
    const r = this.rng;
    let tail = '';
    for (let i = 0; i < 5; i++) tail += r.chance(0.25) ? r.pick([...D.PLATE_LETTERS]) : String(r.int(0, 9));
    return leaf.platePrefix + tail;
  }

  /** Home of a party: mostly where the case is, sometimes elsewhere in the province or beyond. */
  private homeOf(leaf: Leaf, localShare: number): Leaf {
    const r = this.rng.next();
    if (r < localShare) return leaf;
    if (r < localShare + (1 - localShare) * 0.8) return this.geo.byProvince.get(leaf.provinceCode)!.pick(this.rng);
    return this.geo.byProfile.default.pick(this.rng);
  }

  // ---- gangs ----

  private spawnGang(name: D.GangTemplateName, home: Leaf, at: number): Gang {
    const r = this.rng;
    const template = D.GANG_TEMPLATES[name];
    const showcase = name === 'fraud_ring' && this.firstFraudRing;
    if (showcase) this.firstFraudRing = false;
    const kind = new Weighted(
      template.kinds.map(([k]) => k),
      template.kinds.map(([, w]) => w),
    ).pick(r);
    const memberCount = showcase ? 8 : r.int(...template.members);
    const caseCount = showcase ? 39 : r.chance(0.1) ? r.int(...template.bigCases) : r.int(...template.cases);
    const window = (showcase ? 240 : r.int(...template.windowDays)) * DAY;
    const dismantledAt = r.chance(0.9) ? this.calendar.cap(at + window + Math.floor(r.next() * 60 * DAY)) : null;
    const members: Person[] = [];
    for (let i = 0; i < memberCount; i++) {
      members.push(this.person(this.homeOf(home, 0.7), at, this.birth(at, 20, 55), r.chance(0.88)));
    }
    const leader = members[0]!;
    const label =
      kind === 'criminal_organisation'
        ? '黑社会性质组织'
        : kind === 'evil_force_group'
          ? '恶势力犯罪集团'
          : kind === 'evil_force_gang'
            ? '恶势力团伙'
            : template.label;
    const gang: Gang = {
      id: r.uuid(),
      kind,
      name: `${home.cityName}${leader.mask}${label}`,
      template,
      home,
      members,
      categories: new Weighted(
        template.categories.map(([c]) => SPECS.get(c)!),
        template.categories.map(([, w]) => w),
      ),
      phones: Array.from({ length: Math.max(showcase ? 3 : 0, r.int(...template.phones)) }, () => this.phone()),
      accounts: Array.from({ length: Math.max(showcase ? 4 : 0, r.int(...template.accounts)) }, () => this.account()),
      plates: Array.from({ length: r.int(...template.plates) }, () => this.plate(home)),
      dismantledAt,
    };
    this.gangCount++;
    this.t.gangs.push(
      gang.id,
      `${this.prefix}-G${String(this.gangCount).padStart(6, '0')}`,
      kind,
      gang.name,
      home.cityCode,
      this.geo.cityAgency.get(home.cityCode) ?? home.agencyId,
      dismantledAt,
      at,
    );
    members.forEach((m, i) => this.t.gangMembers.push(gang.id, m.id, i === 0 ? 'true' : 'false'));
    for (let i = 0; i < caseCount; i++) this.slots.push({ at: at + Math.floor(r.next() * window), gang });
    return gang;
  }

  // ---- cases ----

  /** The next case: a gang's scheduled case when one is due, else a cold homicide or an ordinary case. */
  next(): void {
    const u = (this.index + this.rng.next()) / this.total;
    const forced = this.coverage.get(this.index);
    this.index++;
    const at = this.calendar.at(u);
    for (let slot = this.slots.peek(); !forced && slot && slot.at <= at; slot = this.slots.peek()) {
      this.slots.pop();
      if (slot.gang.dismantledAt !== null && at > slot.gang.dismantledAt) continue;
      const g = slot.gang;
      const leaf = this.rng.chance(g.template.roam)
        ? (g.template.roamAnywhere ? this.geo.byProfile.fraud : this.geo.byProvince.get(g.home.provinceCode)!).pick(this.rng)
        : this.geo.byCity.get(g.home.cityCode)!.pick(this.rng);
      this.ordinaryCase(g.categories.pick(this.rng), leaf, at, g);
      return;
    }
    const year = this.calendar.yearIndex(at);
    if (!forced && this.rng.chance(year === 1 ? 0.003 : 0.001)) {
      this.coldCase(at);
      return;
    }
    const spec = forced ?? this.categories[year].pick(this.rng);
    const leaf = this.geo.byProfile[spec.profile].pick(this.rng);
    let gang: Gang | undefined;
    if (spec.gang && (this.rng.chance(spec.gangSpawn ?? 0) || (spec.gang === 'fraud_ring' && this.firstFraudRing))) {
      gang = this.spawnGang(spec.gang, leaf, at);
    }
    this.ordinaryCase(spec, leaf, at, gang);
  }

  private caseNo(leaf: Leaf, reported: number): string {
    const key = `${leaf.code}-${yearOf(reported)}`;
    const n = (this.sequence.get(key) ?? 0) + 1;
    this.sequence.set(key, n);
    return `${this.prefix}${key}-${String(n).padStart(6, '0')}`;
  }

  private loss(spec: D.CategorySpec, itemLoss: [number, number] | null): number | null {
    const r = this.rng;
    let v: number | null = null;
    switch (spec.code) {
      case 'fraud.telecom':
        v = Math.min(5e6, Math.max(100, r.logNormal(18000, 1.3)));
        break;
      case 'fraud.asset_unfreezing':
        v = Math.max(100, r.logNormal(3000, 1));
        break;
      case 'fraud.other':
        v = Math.max(200, r.logNormal(8000, 1.2));
        break;
      case 'property.fraud':
        v = Math.max(1000, r.logNormal(50000, 1.4));
        break;
      case 'property.theft':
        v = itemLoss ? itemLoss[0] * Math.exp(r.next() * Math.log(itemLoss[1] / itemLoss[0])) : null;
        break;
      case 'property.snatching':
        v = r.int(500, 8000);
        break;
      case 'violent.robbery':
        v = Math.max(50, r.logNormal(2000, 1));
        break;
      case 'violent.arson':
        v = Math.max(1000, r.logNormal(30000, 1.2));
        break;
      default:
        v = null;
    }
    return v === null ? null : Math.round(v * 100) / 100;
  }

  private campaigns(code: string, year: number, gang: Gang | undefined): string {
    const f = family(code);
    const list: string[] = [];
    if (f === 'relic') list.push(`relic-${year}`);
    if (f === 'fraud') list.push(`fraud-${year}`);
    if (year === 2020 && (code === 'fraud.telecom' || code === 'fraud.asset_unfreezing')) list.push('yunjian-2020');
    if (f === 'gang' || (gang && gang.kind !== 'other')) list.push('sweep-gangs');
    if (code === 'environment.pollution') list.push(`kunlun-${year}`);
    if (code === 'environment.fishing' && year === 2020) list.push('fishing-2020');
    if (year === 2019 && (f === 'property' || code === 'violent.robbery')) list.push('theft-robbery-fraud-2019');
    return list.join(',');
  }

  private ordinaryCase(spec: D.CategorySpec, leaf: Leaf, reported: number, gang: Gang | undefined): void {
    const r = this.rng;
    const f = family(spec.code);
    const caseId = r.uuid();
    const caseNo = this.caseNo(leaf, reported);
    const occurred = reported - Math.min(3 * 365 * DAY, Math.floor(r.logNormal(spec.lagHours * HOUR, 1)));

    // Lifecycle: each stage after the previous one, none after the snapshot date.
    let filed: number | null = null,
      solved: number | null = null,
      prosecuted: number | null = null;
    let closed: number | null = null,
      dismissed: number | null = null,
      dismissalReason: string | null = null;
    const fileDelay = () => Math.floor(f === 'fraud' || f === 'drugs' ? r.next() * 12 * HOUR : r.logNormal(12 * HOUR, 1.2));
    if (r.chance(spec.dismiss)) {
      if (r.chance(0.4)) filed = this.calendar.cap(reported + fileDelay());
      dismissed = this.calendar.cap((filed ?? reported) + (filed ? r.int(10, 200) : r.int(1, 10)) * DAY + r.int(0, 8 * HOUR));
      if (dismissed !== null) dismissalReason = r.pick(D.DISMISSAL_REASONS);
    } else if (!r.chance(0.004)) {
      filed = this.calendar.cap(reported + fileDelay());
      if (filed !== null) {
        if (gang) {
          solved =
            gang.dismantledAt !== null
              ? this.calendar.cap(Math.max(filed, gang.dismantledAt - Math.floor(r.next() * 3 * DAY)))
              : r.chance(0.25)
                ? this.calendar.cap(filed + Math.floor(r.logNormal(spec.solveDays * DAY, 1)))
                : null;
        } else if (r.chance(spec.solve)) {
          solved = this.calendar.cap(filed + Math.floor(r.logNormal(spec.solveDays * DAY, 1)));
        }
      }
      if (solved !== null) {
        if (r.chance(0.85)) prosecuted = this.calendar.cap(solved + Math.floor(r.logNormal(40 * DAY, 0.6)));
        if (prosecuted !== null ? r.chance(0.6) : r.chance(0.08))
          closed = this.calendar.cap((prosecuted ?? solved) + Math.floor(r.logNormal(prosecuted ? 120 * DAY : 30 * DAY, 0.5)));
      }
    }
    const status =
      dismissed !== null
        ? 'dismissed'
        : closed !== null
          ? 'closed'
          : prosecuted !== null
            ? 'prosecuted'
            : solved !== null
              ? 'solved'
              : filed !== null
                ? 'filed'
                : 'reported';

    // Victims and suspects.
    const detail = pickDetail(r, spec.code, leaf.provinceCode);
    const itemLoss = spec.code === 'property.theft' ? D.THEFT_ITEMS.find(([item]) => item === detail.item) : undefined;
    const loss = this.loss(spec, itemLoss ? [itemLoss[1], itemLoss[2]] : null);
    const inCase = new Set<string>();
    let victimMask: string | null = null;
    if (spec.victims !== 'none' && !r.chance(spec.code === 'other' ? 0.5 : 0.05)) {
      const victims = f === 'violent' && r.chance(0.06) ? 2 : 1;
      for (let i = 0; i < victims; i++) {
        const elder = spec.victims === 'elder' || (f === 'fraud' && r.chance(0.2));
        const male = spec.code === 'violent.rape' ? false : r.chance(0.5);
        const v = this.person(this.homeOf(leaf, 0.9), reported, this.birth(reported, elder ? 60 : 16, elder ? 85 : 70), male);
        victimMask ??= v.mask;
        inCase.add(v.id);
        this.t.parties.push(caseId, v.id, 'victim', 'none', null, null, null);
      }
    }
    if ((f === 'violent' || spec.code === 'other') && r.chance(0.05)) {
      const w = this.person(this.homeOf(leaf, 0.9), reported, this.birth(reported, 18, 70), r.chance(0.5));
      inCase.add(w.id);
      this.t.parties.push(caseId, w.id, 'witness', 'none', null, null, null);
    }

    const suspects: Person[] = [];
    if (gang) {
      const n = Math.min(gang.members.length, gang.kind === 'criminal_organisation' ? r.int(2, 4) : r.int(1, 2));
      const start = r.int(0, gang.members.length - 1);
      for (let i = 0; i < n; i++) suspects.push(gang.members[(start + i) % gang.members.length]!);
    } else if (solved !== null || (filed !== null && r.chance(0.06))) {
      const x = r.next();
      const n = solved === null ? 1 : x < 0.8 ? 1 : x < 0.93 ? 2 : x < 0.97 ? 3 : r.int(4, 6);
      const recent = this.recentSuspects.get(leaf.cityCode);
      for (let i = 0; i < n; i++) {
        let s: Person | undefined;
        // Repeat offenders: one suspect often answers for several cases of a city.
        if (recent?.length && r.chance(0.15)) s = r.pick(recent);
        if (!s || inCase.has(s.id)) {
          s = this.person(this.homeOf(leaf, 0.75), reported, this.birth(reported, 18, 60), r.chance(0.85));
          if (recent) {
            if (recent.length >= 64) recent[r.int(0, 63)] = s;
            else recent.push(s);
          } else this.recentSuspects.set(leaf.cityCode, [s]);
        }
        if (inCase.has(s.id)) continue;
        inCase.add(s.id);
        suspects.push(s);
      }
    }
    let arrestedCount = 0;
    suspects.forEach((s, i) => {
      let arrested: number | null = null;
      let wanted: number | null = null;
      let captured: number | null = null;
      if (solved !== null) {
        arrested =
          i === 0 || gang
            ? solved + (i === 0 ? 0 : Math.floor(r.next() * 2 * DAY))
            : this.calendar.cap(solved + Math.floor(r.logNormal(3 * DAY, 1.2)));
        if (i > 0 && r.chance(gang ? 0.08 : 0.14)) {
          wanted = solved + Math.floor(r.next() * 3 * DAY);
          captured = r.chance(0.75) ? this.calendar.cap(wanted + Math.floor(r.logNormal(60 * DAY, 1.2))) : null;
          arrested = captured;
        }
        arrested = this.calendar.cap(arrested);
        if (arrested === null && wanted === null) wanted = this.calendar.cap(solved + Math.floor(r.next() * 3 * DAY));
      } else if (filed !== null && !gang) {
        wanted = this.calendar.cap(filed + Math.floor(r.logNormal(20 * DAY, 1)));
      }
      let detained: number | null = null;
      let partyProsecuted: number | null = null;
      let partyStatus = 'at_large';
      if (arrested !== null) {
        arrestedCount++;
        partyStatus = 'arrested';
        if (r.chance(0.85)) {
          detained = this.calendar.cap(arrested + Math.floor(r.next() * DAY));
          if (detained !== null) partyStatus = 'detained';
        }
        if (prosecuted !== null && prosecuted >= (detained ?? arrested) && r.chance(0.92)) {
          partyProsecuted = prosecuted;
          partyStatus = 'prosecuted';
        } else if (r.chance(0.05)) partyStatus = 'released';
      } else if (solved === null && filed === null) partyStatus = 'none';
      this.t.parties.push(caseId, s.id, 'suspect', partyStatus, arrested, detained, partyProsecuted);
      if (wanted !== null) {
        const agency = r.chance(0.75) ? leaf.agencyId : r.pick(this.geo.policeAgencies);
        this.t.fugitives.push(r.uuid(), s.id, caseId, wanted, captured, captured !== null ? agency : null);
      }
    });

    // Text, supervision and the case row.
    const ctx: TextContext = {
      code: spec.code,
      provinceCode: leaf.provinceCode,
      place: leaf.place,
      occurred,
      victim: victimMask,
      suspect: suspects[0]?.mask ?? null,
      suspects: suspects.length,
      loss,
      gangName: gang?.name ?? null,
      leader: gang?.members[0]!.mask ?? suspects[0]?.mask ?? null,
      detail,
    };
    const { title, summary } = caseText(r, ctx);
    let supervision = 'none';
    let supervisionReason: string | null = null;
    let supervisionAt: number | null = null;
    const superviseP = 1.5 * spec.supervise * (gang ? 2 : 1) * (loss !== null && loss > 1e6 ? 10 : 1);
    if (filed !== null && dismissed === null && r.chance(superviseP)) {
      supervisionAt = this.calendar.cap(filed + Math.floor(r.next() * 30 * DAY));
      if (supervisionAt !== null) {
        supervision = r.chance(0.2) ? 'ministry' : 'province';
        supervisionReason = r.pick(D.SUPERVISION_REASONS[f] ?? D.SUPERVISION_REASONS.other!);
      }
    }
    const year = yearOf(reported);
    const last = Math.max(reported, filed ?? 0, solved ?? 0, prosecuted ?? 0, closed ?? 0, dismissed ?? 0, supervisionAt ?? 0);
    this.t.cases.push(
      caseId,
      caseNo,
      spec.code,
      title,
      summary,
      caseSearchTerms(`${title} ${summary}`),
      leaf.code,
      leaf.agencyId,
      status,
      occurred,
      reported,
      filed,
      solved,
      prosecuted,
      closed,
      dismissed,
      dismissalReason,
      supervision,
      supervisionReason,
      supervisionAt,
      loss === null ? null : loss.toFixed(2),
      this.campaigns(spec.code, year, gang),
      reported,
      last,
    );
    this.events(caseId, reported, filed, solved, prosecuted, closed, dismissed, dismissalReason);
    if (gang) this.t.gangCases.push(gang.id, caseId);
    this.property(spec, caseId, reported, solved, loss, detail, arrestedCount);
    this.identifiers(spec, caseId, leaf, gang, suspects, detail.item);
  }

  private events(
    caseId: string,
    reported: number,
    filed: number | null,
    solved: number | null,
    prosecuted: number | null,
    closed: number | null,
    dismissed: number | null,
    reason: string | null,
  ): void {
    const e = this.t.events;
    e.push(caseId, reported, 'reported', null, reported);
    if (filed !== null) e.push(caseId, filed, 'filed', null, filed);
    if (solved !== null) e.push(caseId, solved, 'solved', null, solved);
    if (prosecuted !== null) e.push(caseId, prosecuted, 'prosecuted', null, prosecuted);
    if (closed !== null) e.push(caseId, closed, 'closed', null, closed);
    if (dismissed !== null) e.push(caseId, dismissed, 'dismissed', reason, dismissed);
  }

  private item(caseId: string, kind: string, quantity: number, unit: string, action: string, at: number | null, description: string | null): void {
    if (at === null || !(quantity > 0)) return;
    const q =
      unit === 'yuan'
        ? quantity.toFixed(2)
        : unit === 'kg' || unit === 'g'
          ? Math.max(0.001, quantity).toFixed(3)
          : String(Math.max(1, Math.round(quantity)));
    this.t.property.push(this.rng.uuid(), caseId, kind, q, unit, action, at, description, at);
  }

  private property(
    spec: D.CategorySpec,
    caseId: string,
    reported: number,
    solved: number | null,
    loss: number | null,
    x: ReturnType<typeof pickDetail>,
    arrested: number,
  ): void {
    const r = this.rng;
    const f = family(spec.code);
    const after = (from: number, days: number) => this.calendar.cap(from + Math.floor(r.next() * days * DAY));
    if (f === 'fraud' || spec.code === 'property.fraud') {
      if (loss !== null) {
        if (r.chance(0.45)) this.item(caseId, 'funds', loss * (0.1 + 0.8 * r.next()), 'yuan', 'stopped', after(reported, 0.5), '涉案账户紧急止付');
        if (r.chance(0.35)) this.item(caseId, 'funds', loss * (0.05 + 0.65 * r.next()), 'yuan', 'frozen', after(reported, 10), '涉案账户冻结');
        if (solved !== null && r.chance(0.4))
          this.item(caseId, 'funds', loss * (0.05 + 0.55 * r.next()), 'yuan', 'returned', after(solved, 90), '返还受害人');
      }
      if (solved !== null && r.chance(0.3)) this.item(caseId, 'bank_card', r.int(1, 40), 'card', 'seized', solved, '涉诈银行卡');
      if (solved !== null && r.chance(0.2)) this.item(caseId, 'sim_card', r.int(1, 60), 'card', 'seized', solved, '涉诈电话卡');
    } else if (spec.code === 'property.theft' || spec.code === 'property.snatching' || spec.code === 'violent.robbery') {
      if (solved !== null && r.chance(0.65)) {
        if (['电动自行车', '摩托车', '汽车'].includes(x.item) && spec.code === 'property.theft') {
          const at = after(solved, 5);
          this.item(caseId, 'vehicle', 1, 'vehicle', 'recovered', at, x.item);
          if (at !== null && r.chance(0.7)) this.item(caseId, 'vehicle', 1, 'vehicle', 'returned', after(at, 20), x.item);
        } else if (loss !== null && r.chance(0.5)) {
          this.item(caseId, 'cash', loss * (0.2 + 0.8 * r.next()), 'yuan', 'recovered', after(solved, 5), '追缴赃款');
        } else {
          const at = after(solved, 10);
          const n = r.int(1, 5);
          this.item(caseId, 'other', n, 'item', 'recovered', at, spec.code === 'property.theft' ? x.item : '被抢财物');
          if (at !== null && r.chance(0.5)) this.item(caseId, 'other', n, 'item', 'returned', after(at, 30), '发还被害人');
        }
      }
    } else if (f === 'relic') {
      if (spec.code === 'relic.smuggling') {
        this.item(caseId, 'cultural_relic', x.count, 'piece', 'seized', reported, `${x.dynasty}${x.object}`);
      } else if (solved !== null && spec.code !== 'relic.damage') {
        const rows = r.int(1, 3);
        for (let i = 0; i < rows; i++) {
          const object = i === 0 ? x.object : r.pick(D.RELIC_OBJECTS);
          const n = Math.ceil(r.logNormal(spec.code === 'relic.trafficking' ? 8 : 4, 1));
          const at = after(solved, 60);
          const set = r.chance(0.1);
          this.item(
            caseId,
            'cultural_relic',
            set ? Math.max(1, Math.round(n / 4)) : n,
            set ? 'set' : 'piece',
            r.chance(0.6) ? 'recovered' : 'seized',
            at,
            `${x.dynasty}${object}`,
          );
          if (at !== null && r.chance(0.15))
            this.item(
              caseId,
              'cultural_relic',
              Math.max(1, Math.floor(n / 2)),
              'piece',
              'returned',
              after(at, 120),
              `${x.dynasty}${object}（移交文物部门）`,
            );
        }
      }
    } else if (f === 'drugs') {
      if (solved !== null) {
        const grams = spec.code === 'drugs.trafficking' ? r.logNormal(80, 2) : r.logNormal(3, 1.2);
        if (grams >= 1000) this.item(caseId, 'drugs', grams / 1000, 'kg', 'seized', solved, x.drug);
        else this.item(caseId, 'drugs', Math.round(grams * 100) / 100, 'g', 'seized', solved, x.drug);
        if (spec.code === 'drugs.trafficking' && r.chance(0.25)) this.item(caseId, 'cash', r.logNormal(20000, 1), 'yuan', 'seized', solved, '毒资');
      }
    } else if (spec.code === 'environment.fishing') {
      this.item(caseId, 'catch', r.logNormal(30, 1.2), 'kg', 'seized', after(reported, 0.2), '渔获物');
      if (r.chance(0.4)) this.item(caseId, 'vessel', r.int(1, 2), 'vessel', 'seized', after(reported, 0.2), '作案船只');
    } else if (spec.code === 'environment.sand_mining') {
      if (r.chance(0.4)) this.item(caseId, 'vessel', r.int(1, 3), 'vessel', 'seized', after(reported, 1), '采砂船');
      if (r.chance(0.3)) this.item(caseId, 'vehicle', r.int(1, 4), 'vehicle', 'seized', after(reported, 1), '运砂车辆');
      if (r.chance(0.5)) this.item(caseId, 'other', x.count * 800 * 1000, 'kg', 'seized', after(reported, 1), '非法开采河砂');
    } else if (spec.code === 'environment.pollution') {
      if (r.chance(0.7)) this.item(caseId, 'other', x.count * 7000, 'kg', 'seized', after(reported, 3), '危险废物');
    } else if (spec.code === 'firearms') {
      if (r.chance(0.8)) this.item(caseId, 'firearm', r.int(1, 3), 'piece', 'seized', after(reported, 3), r.pick(['火药枪', '猎枪', '仿真枪']));
      if (r.chance(0.4)) this.item(caseId, 'other', r.int(1, 200), 'item', 'seized', after(reported, 3), r.pick(['子弹', '雷管', '炸药']));
    } else if (f === 'gang') {
      if (solved !== null) {
        if (r.chance(0.5)) this.item(caseId, 'cash', r.logNormal(200000, 1.5), 'yuan', 'seized', after(solved, 10), '涉黑涉恶资金');
        if (r.chance(0.4)) this.item(caseId, 'funds', r.logNormal(1000000, 1.5), 'yuan', 'frozen', after(solved, 20), '涉黑涉恶资产');
        if (r.chance(0.4)) this.item(caseId, 'vehicle', r.int(1, 6), 'vehicle', 'seized', after(solved, 10), '涉案车辆');
      }
    } else if (f === 'violent') {
      if (solved !== null && arrested > 0 && r.chance(0.4)) this.item(caseId, 'other', 1, 'item', 'seized', solved, `作案工具（${x.weapon}）`);
    } else if (solved !== null && r.chance(0.1)) {
      this.item(caseId, 'other', r.int(1, 3), 'item', 'seized', solved, '涉案物品');
    }
  }

  private identifiers(spec: D.CategorySpec, caseId: string, leaf: Leaf, gang: Gang | undefined, suspects: Person[], item: string): void {
    const r = this.rng;
    const seen = new Set<string>();
    const add = (kind: string, value: string | null | undefined) => {
      if (!value) return;
      const key = `${kind}:${value}`;
      if (seen.has(key)) return;
      seen.add(key);
      this.t.identifiers.push(caseId, kind, value);
    };
    if (gang) {
      const takeFrom = (pool: string[], kind: string, min: number, max: number) => {
        if (!pool.length) return;
        const n = r.int(min, max);
        for (let i = 0; i < n; i++) add(kind, r.pick(pool));
      };
      takeFrom(gang.phones, 'phone', 1, 2);
      takeFrom(gang.accounts, 'bank_account', family(spec.code) === 'fraud' ? 1 : 0, 2);
      takeFrom(gang.plates, 'plate', 0, 1);
    } else if (family(spec.code) === 'fraud') {
      // Receiving account and caller's phone; one case in ten reuses a mule card seen before.
      for (const kind of ['bank_account', 'phone'] as const) {
        if (this.mules.length > 20 && r.chance(0.1)) {
          const m = r.pick(this.mules.filter((x) => x.kind === kind).slice(-200));
          add(kind, m?.value);
        } else {
          const value = kind === 'phone' ? this.phone() : this.account();
          add(kind, value);
          if (r.chance(0.05)) {
            if (this.mules.length >= 2000) this.mules[r.int(0, 1999)] = { kind, value };
            else this.mules.push({ kind, value });
          }
        }
      }
    } else if (spec.code === 'property.theft' && ['汽车', '摩托车'].includes(item)) {
      add('plate', this.plate(leaf));
    }
    for (const s of suspects) {
      if (gang || r.chance(0.2)) add('id_number', s.idNumber);
      if (gang && s.phone && r.chance(0.3)) add('phone', s.phone);
    }
  }

  /** A homicide of years ago, solved now: reported and filed then, the suspect a fugitive since. */
  private coldCase(solvedAt: number): void {
    const r = this.rng;
    const band = new Weighted(
      [
        [1, 9],
        [10, 19],
        [20, 29],
        [30, 37],
      ] as const,
      [14, 52, 63, 6],
    ).pick(r);
    const years = r.int(band[0], band[1]);
    const occurred = solvedAt - Math.floor((years * 365.25 + r.next() * 300) * DAY);
    const reported = occurred + Math.floor(r.next() * 48 * HOUR);
    const filed = reported + Math.floor(r.next() * 2 * DAY);
    const leaf = this.geo.byProfile.default.pick(r);
    const caseId = r.uuid();
    const caseNo = this.caseNo(leaf, reported);
    const prosecuted = this.calendar.cap(solvedAt + Math.floor(r.logNormal(45 * DAY, 0.5)));
    const closed = prosecuted !== null && r.chance(0.5) ? this.calendar.cap(prosecuted + Math.floor(r.logNormal(150 * DAY, 0.4))) : null;
    const status = closed !== null ? 'closed' : prosecuted !== null ? 'prosecuted' : 'solved';
    const victim = this.person(this.homeOf(leaf, 0.9), reported, this.birth(occurred, 16, 60), r.chance(0.6), false);
    const suspect = this.person(this.homeOf(leaf, 0.8), solvedAt, this.birth(occurred, 18, 45), r.chance(0.95));
    this.t.parties.push(caseId, victim.id, 'victim', 'none', null, null, null);
    const detained = this.calendar.cap(solvedAt + Math.floor(r.next() * DAY));
    this.t.parties.push(
      caseId,
      suspect.id,
      'suspect',
      prosecuted !== null ? 'prosecuted' : detained !== null ? 'detained' : 'arrested',
      solvedAt,
      detained,
      prosecuted,
    );
    this.t.fugitives.push(
      r.uuid(),
      suspect.id,
      caseId,
      filed + Math.floor(r.next() * 30 * DAY),
      solvedAt,
      r.chance(0.5) ? leaf.agencyId : r.pick(this.geo.policeAgencies),
    );
    const detail = pickDetail(r, 'violent.homicide', leaf.provinceCode);
    const ctx: TextContext = {
      code: 'violent.homicide',
      provinceCode: leaf.provinceCode,
      place: leaf.place,
      occurred,
      victim: victim.mask,
      suspect: suspect.mask,
      suspects: 1,
      loss: null,
      gangName: null,
      leader: null,
      detail,
    };
    const { title, summary } = coldCaseText(r, ctx, solvedAt, Math.round((solvedAt - filed) / (365.25 * DAY)));
    const supervised = r.chance(0.3);
    const supervisionAt = supervised ? solvedAt - Math.floor(r.next() * 200 * DAY) : null;
    const campaigns = yearOf(solvedAt) === 2020 ? 'yunjian-2020' : '';
    const last = Math.max(solvedAt, prosecuted ?? 0, closed ?? 0, supervisionAt ?? 0);
    this.t.cases.push(
      caseId,
      caseNo,
      'violent.homicide',
      title,
      summary,
      caseSearchTerms(`${title} ${summary}`),
      leaf.code,
      leaf.agencyId,
      status,
      occurred,
      reported,
      filed,
      solvedAt,
      prosecuted,
      closed,
      null,
      null,
      supervised ? (r.chance(0.3) ? 'ministry' : 'province') : 'none',
      supervised ? '命案积案，需集中攻坚' : null,
      supervisionAt,
      null,
      campaigns,
      reported,
      last,
    );
    this.events(caseId, reported, filed, solvedAt, prosecuted, closed, null, null);
    this.identifiers(SPECS.get('violent.homicide')!, caseId, leaf, undefined, [suspect], '');
  }
}
