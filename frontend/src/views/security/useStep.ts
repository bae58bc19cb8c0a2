import type { Schema } from '@/api/http'
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { advance } from './flow'
import { refusal, type Refusal } from './steps'

/** Sends a sign-in step and goes on to the page its answer asks for; a refusal is shown in words. */
export function useStep() {
  const { t } = useI18n()
  const router = useRouter()
  const busy = ref(false)
  const error = ref('')
  /** the step can no longer be taken (lapsed, locked): only "back to login" is left */
  const over = ref(false)
  const fields = ref<Record<string, string>>({})

  async function run(send: () => Promise<Schema<'SignInStep'>>): Promise<Refusal | null> {
    busy.value = true
    error.value = ''
    fields.value = {}
    try {
      const next = advance(await send())
      await router.replace(next)
      return null
    } catch (e) {
      const r = refusal(e)
      error.value = r.key ? t(r.key) : r.message
      over.value = r.restart
      if (!r.key && e instanceof Error && 'fields' in e) fields.value = (e as { fields: Record<string, string> }).fields
      return r
    } finally {
      busy.value = false
    }
  }
  return { busy, error, over, fields, run }
}
