/**
 * k6/x/outagesim: the outagesim urgent-care model inside k6. Drive load and
 * failover tests of real endpoints with NHS 111 demand and the outage
 * timeline of a scenario (by default adastra-2022).
 *
 * Build a k6 with it: `go build -o k6-outagesim ./cmd/k6-outagesim`, or
 * `xk6 build v1.8.1 --with github.com/outagesim/outagesim/xk6=.`
 */
declare module "k6/x/outagesim" {
  /** The five outage phases, in the order of their codes (0–4). */
  export type PhaseName = "normal" | "outage" | "contingency" | "recovering" | "recovered";

  /** A referral route of the model. */
  export type Route = "ooh" | "gp_booking" | "pharmacy" | "dental" | "mental_health" | "ed" | "ambulance";

  /** The four nations. */
  export type Nation = "england" | "scotland" | "wales" | "northern_ireland";

  /**
   * A moment of the scenario: seconds from its start (number), a duration
   * from its start ("3d7h", "90m"), or a Europe/London local time
   * ("2022-08-04", "2022-08-04 07:00").
   */
  export type When = number | string;

  /** The compressed timeline shared by arrivals() and phase(). */
  export interface TimelineOptions {
    /** Simulated seconds per real second (720: a day in two minutes). Default 1. */
    speedup?: number;
    /** Start of the simulated window (default: the scenario's start). */
    from?: When;
    /** End of the simulated window (default: the scenario's end). */
    to?: When;
  }

  export interface LoadOptions extends TimelineOptions {
    /** Seed of referral() payloads (default: the scenario's seed). */
    seed?: number;
  }

  /** Scenario text the script read itself: `{name: "x.yaml", data: open("./x.yaml")}`. */
  export interface ScenarioData {
    name?: string;
    data: string | ArrayBuffer;
  }

  export interface ScenarioSummary {
    name: string;
    description: string;
    /** Local start, ISO 8601. */
    start: string;
    /** Length of the run in simulated seconds. */
    horizon: number;
    seed: number;
    services: { name: string; nation: Nation; share: number }[];
    outage: null | {
      systems: string[];
      /** Seconds from the scenario's start. */
      start: number;
      startLocal: string;
      detectionDelay: number;
      affected: string[];
    };
  }

  /**
   * Loads a scenario; call it in the init context. A name without a path or
   * extension is an embedded library scenario ("adastra-2022",
   * "baseline-2022", …); anything else is a .yaml file read through k6's
   * file system, relative to the script, so `k6 archive` carries it and
   * the files it extends. Without load(), the module uses adastra-2022.
   * Resets the timeline to the options given (else real time, whole run).
   */
  export function load(nameOrPath: string | ScenarioData, options?: LoadOptions): ScenarioSummary;

  export interface ArrivalsOptions extends TimelineOptions {
    /** Only this nation's services (default: every nation). */
    nation?: Nation;
    /** One front door by name, e.g. "eng-north" (default: all selected). */
    service?: string;
    /** "calls" (first contacts, default), "referrals" (all routes) or "referrals:<route>". */
    stream?: "calls" | "referrals" | `referrals:${Route}`;
    /** Multiplies the demand (0.1: a tenth of the real traffic). Default 1. */
    scale?: number;
    /** Default: enough for iterations of 0.5 s at the peak rate. */
    preAllocatedVUs?: number;
    /** Default: enough for iterations of 5 s at the peak rate. */
    maxVUs?: number;
  }

  /** A k6 ramping-arrival-rate scenario, ready for options.scenarios. */
  export interface ArrivalsScenario {
    executor: "ramping-arrival-rate";
    startRate: number;
    /** "1s", or "1m" / "1h" when rates are too small for whole numbers per second. */
    timeUnit: "1s" | "1m" | "1h";
    preAllocatedVUs: number;
    maxVUs: number;
    /** A zero-length stage steps to each hour's rate; the next holds it. */
    stages: { target: number; duration: string }[];
  }

  /**
   * The model's hourly demand as a k6 scenario, compressed by speedup and
   * multiplied by scale. Speedup, from and to not given come from the
   * current timeline; the result's timeline becomes the current one, for
   * phase(). The area under the stages equals the model's expected
   * arrivals (k6 starts ⌊area⌋ iterations, with no sampling noise).
   */
  export function arrivals(options?: ArrivalsOptions): ArrivalsScenario;

  export interface Timeline {
    speedup: number;
    /** Simulated seconds from the scenario's start. */
    from: number;
    to: number;
    fromLocal: string;
    toLocal: string;
    /** Real seconds. */
    duration: number;
  }

  export interface Plan {
    scenario: ArrivalsScenario;
    /** The model's expected arrivals in the window × scale. */
    expected: number;
    /** The area under the stages. */
    scheduled: number;
    /** The iterations k6 will start: ⌊scheduled⌋. */
    iterations: number;
    /** Real seconds. */
    duration: number;
    /** Highest rate, per real second. */
    peakRate: number;
    timeline: Timeline;
  }

  /** arrivals() with the numbers behind it, e.g. for thresholds. */
  export function plan(options?: ArrivalsOptions): Plan;

  /** The current timeline. */
  export function timeline(): Timeline;

  export interface PhaseInfo {
    phase: PhaseName;
    /** The phase's index in `phases`; what outagesim_phase records. */
    code: number;
    /** Services still down: front doors by name and "ooh:<nation>". */
    affected: string[];
    /** Simulated seconds from the scenario's start: from + elapsed × speedup. */
    simTime: number;
    /** Europe/London local time, ISO 8601 with milliseconds. */
    localTime: string;
    /** Real seconds used. */
    elapsed: number;
  }

  /**
   * The outage phase `elapsedSeconds` into the current timeline (or the one
   * given). Without elapsedSeconds: the time since the running k6 scenario
   * started (exec.scenario.startTime). In a VU it records outagesim_phase.
   */
  export function phase(elapsedSeconds?: number, timeline?: TimelineOptions): PhaseInfo;

  export interface ReferralOptions {
    nation?: Nation;
    service?: string;
    route?: Route;
  }

  /** A synthetic referral: no patient data; ids are "SYN-…", never NHS numbers. */
  export interface Referral {
    /** "SYN-R-<vu>-<seq>" */
    id: string;
    synthetic: true;
    /** 1, 2, … in this VU. */
    seq: number;
    /** "SYN-P-<vu>-<seq>": a made-up reference, not an NHS number. */
    patientRef: string;
    nation: Nation;
    service: string;
    route: Route;
    disposition: "ambulance" | "ed" | "gp_in_hours" | "ooh_gp" | "pharmacy" | "dental" | "mental_health";
    via: "triage" | "clinical_assessment";
    /** The OOH case priority (ooh route), the call-back priority after clinical assessment, else "standard". */
    priority: string;
  }

  /**
   * The VU's next synthetic referral, drawn from the model's shares. The
   * sequence depends only on the seed, the VU (its global id) and the options.
   */
  export function referral(options?: ReferralOptions): Referral;

  /** Adds 1 to the outagesim_failovers counter, tagged reason (default "unspecified"). VU context only. */
  export function failover(reason?: string): void;

  /** The phase names in code order. */
  export const phases: PhaseName[];
}
