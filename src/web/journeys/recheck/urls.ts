/** Where the re-check pages live. */
export const recheckUrls = {
  list: () => '/recheck',
  run: (runId: string) => `/recheck/${runId}`,
  cancel: (runId: string) => `/recheck/${runId}/cancel`,
  finding: (runId: string, findingId: number) => `/recheck/${runId}/findings/${findingId}`,
  impact: (runId: string) => `/recheck/${runId}/impact`,
  impactCsv: (runId: string) => `/recheck/${runId}/impact.csv`,
}
