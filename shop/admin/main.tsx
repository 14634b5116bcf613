import { render } from 'preact'
import { App } from './App.tsx'
import { onUnauthenticated } from './api.ts'
import { applyDocumentLanguage } from './i18n.ts'
import { navigate, startRouter } from './router.ts'
import { loadSession, me, shops } from './state.ts'

startRouter()
applyDocumentLanguage()
onUnauthenticated(() => {
  me.value = null
  shops.value = undefined
  navigate('/admin/login', { replace: true, force: true })
})
const root = document.getElementById('app')
if (root) {
  root.textContent = ''
  render(<App />, root)
}
void loadSession()
