import { ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message-box/style/css'
import 'element-plus/es/components/message/style/css'

// Every final action asks first, saying what will happen; a required text is
// asked for in the same box.
export async function ask(message: string, title: string, t: (k: string) => string, input?: { required: boolean; error: string }): Promise<string | null> {
  try {
    if (!input) {
      await ElMessageBox.confirm(message, title, { confirmButtonText: t('common.confirm'), cancelButtonText: t('common.cancel'), type: 'warning' })
      return ''
    }
    const r = await ElMessageBox.prompt(message, title, {
      confirmButtonText: t('common.confirm'), cancelButtonText: t('common.cancel'), inputType: 'textarea',
      inputValidator: (v: string) => !input.required || !!v?.trim() || input.error,
    })
    return (r.value ?? '').trim()
  } catch {
    return null
  }
}
