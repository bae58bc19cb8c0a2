import type { Schema } from '@/api/http'
import { describe, expect, it } from 'vitest'
import { treeOrder } from '@/api/departments'

const d = (code: string, parent: string | null, level = parent ? 2 : 1): Schema<'DepartmentNode'> => ({ code, name: code, parent_code: parent, level })

describe('departments in tree order', () => {
  it('puts units under their 主管部门, in the order given', () => {
    const got = treeOrder([d('edu01', 'edu'), d('edu', null), d('hlt', null), d('edu02', 'edu'), d('hlt01', 'hlt')])
    expect(got.map((x) => `${x.depth}:${x.node.code}`)).toEqual(['0:edu', '1:edu01', '1:edu02', '0:hlt', '1:hlt01'])
  })
  it('keeps a unit whose 主管部门 is not listed at the top', () => {
    expect(treeOrder([d('edu01', 'edu'), d('x', null)]).map((x) => x.depth)).toEqual([0, 0])
  })
  it('goes three levels deep and stops at a cycle', () => {
    const got = treeOrder([d('cz', null), d('edu', 'cz', 2), d('edu01', 'edu', 3)])
    expect(got.map((x) => x.depth)).toEqual([0, 1, 2])
    expect(treeOrder([d('a', 'b'), d('b', 'a')]).map((x) => `${x.depth}:${x.node.code}`)).toEqual(['0:a', '1:b'])
  })
})
