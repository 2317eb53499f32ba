// Types for engine-lib.mjs, so TypeScript (test/utils, the demo) can import it under `strict`.
export declare const ROOT: string;
export declare const ENGINE_DIR: string;
export declare const MAVEN_REPO: string;
export declare const JVM_FLAGS: readonly string[];

export interface BuildResult {
  /** `target/classes` plus every dependency jar, ':'-separated. */
  classpath: string;
  /** false when the stamp showed pom.xml and the sources unchanged. */
  built: boolean;
  seconds: number;
}

export interface RunningEngine {
  /** e.g. http://127.0.0.1:9200 */
  url: string;
  pid: number;
  dataDir: string;
  /** The JVM's exit code (143 after SIGTERM), or the signal name. */
  exited: Promise<number | string>;
  /** SIGTERM, SIGKILL after 20 s, then removes dataDir. Idempotent. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** 0 binds a free port. Default 9200. */
  port?: number;
  /** From buildEngine(); built on demand when absent. */
  classpath?: string;
  /** Once it is ready, copy the engine's stderr (WARN and above) to ours; before, a failed start reports it. Default false. */
  echo?: boolean;
  /** For the ready line and yellow health together. Default 120000. */
  timeoutMs?: number;
}

export declare function buildEngine(options?: { log?: (line: string) => void }): Promise<BuildResult>;
export declare function startEngine(options?: StartOptions): Promise<RunningEngine>;
export declare function waitForYellow(url: string, deadline: number, exited?: Promise<unknown>): Promise<boolean>;
