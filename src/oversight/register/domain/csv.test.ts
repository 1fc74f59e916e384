import { describe, expect, it } from 'vitest'
import { checkRegisterCsv, parseCsv } from './csv.js'
import { parseMoment } from './entry.js'

describe('register CSV', () => {
  it('reads quoted fields with commas, quotes and line breaks, CRLF and a byte-order mark', () => {
    expect(parseCsv('\ufeffa,"b,c","say ""hi""\nthere"\r\nx,,z')).toEqual({
      records: [
        ['a', 'b,c', 'say "hi"\nthere'],
        ['x', '', 'z'],
      ],
    })
    expect(parseCsv('a,"b')).toEqual({ error: 'A quoted field is not closed (line 1)' })
  })

  const context = {
    knownPrisons: new Set(['MDI']),
    existingReferences: new Set<string>(),
    mayRecordIn: () => true,
  }
  const header = 'reference,prison_number,name,prison,direction,released_on,days,how_found,root_causes'

  it('names a row with the wrong number of fields and a days figure that disagrees with the dates', () => {
    const result = checkRegisterCsv(
      [
        'reference,prison_number,name,prison,direction,released_on,correct_release_date,days,how_found,root_causes',
        'A-1,A1234BC,Ann,MDI,EARLY,2025-01-01,2025-01-11,9,COURT,OTHER',
        'A-2,A1234BC,Ann,MDI,EARLY,2025-01-01',
      ].join('\n'),
      context,
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.rows[0]).toMatchObject({ line: 2, reference: 'A-1' })
    expect(result.rows[0]!.problems.join()).toMatch(/days: must be 10, the days between/)
    expect(result.rows[1]!.problems[0]).toBe('has 6 fields; the header has 10')
  })

  it('accepts codes in any case and several causes', () => {
    const result = checkRegisterCsv(
      [header, 'A-1,a1234bc,Ann,mdi,early,2025-01-01,3,court,data_entry; other'].join('\n'),
      context,
    )
    expect(result.ok).toBe(true)
    if (result.ok)
      expect(result.entries[0]).toMatchObject({
        prisonNumber: 'A1234BC',
        prisonId: 'MDI',
        direction: 'EARLY',
        howFound: 'COURT',
        rootCauses: ['DATA_ENTRY', 'OTHER'],
      })
  })

  it('reads UK local times across the clock change, and instants with an offset', () => {
    expect(parseMoment('2025-01-10T09:00')).toBe('2025-01-10T09:00:00.000Z')
    expect(parseMoment('2025-07-10 09:00')).toBe('2025-07-10T08:00:00.000Z')
    expect(parseMoment('2025-07-10T09:00:00+02:00')).toBe('2025-07-10T07:00:00.000Z')
    expect(parseMoment('2025-02-30T09:00')).toBeUndefined()
    expect(parseMoment('yesterday')).toBeUndefined()
  })
})
