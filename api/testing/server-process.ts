import { type ChildProcess, spawn } from 'node:child_process'
import { PROJECT_ROOT } from '../project-root.ts'

export interface ServerProcess {
  child: ChildProcess
  url: string
  /** Everything the process printed so far. */
  output(): string
}

/**
 * Starts the real server (`api/server.ts`) as a child process on 127.0.0.1 and a free port, and
 * resolves once it prints its address. DATABASE_URL is dropped unless given in `extraEnv`.
 */
export function startServerProcess(extraEnv: Record<string, string>): Promise<ServerProcess> {
  const inherited: Record<string, string | undefined> = { ...process.env }
  delete inherited.DATABASE_URL
  // One process (node with the tsx loader), so a signal reaches the server itself: the tsx CLI
  // would run it as a grandchild that outlives a SIGKILL of its parent.
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...inherited,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      WORKERS: '1',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve({ child, url: match[1], output: () => output })
      }
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${output}`))
    })
  })
}

/** Sends a signal and resolves with the exit code (null when killed by the signal). */
export function stopServerProcess(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM') {
  return new Promise<number | null>((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      return resolve(server.child.exitCode)
    }
    server.child.once('exit', (code) => resolve(code))
    server.child.kill(signal)
  })
}
