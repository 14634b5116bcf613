import { useEffect } from 'preact/hooks'
import { DialogHost } from './components/Dialogs.tsx'
import { Shell } from './components/Shell.tsx'
import { Loading } from './components/States.tsx'
import { lazyScreen } from './lazy.ts'
import { adminSegments, currentPath, navigate, shopUrl } from './router.ts'
import { Login } from './screens/Login.tsx'
import { ForgotPassword, ResetPassword } from './screens/PasswordReset.tsx'
import { Wizard } from './screens/Wizard.tsx'
import { activeSlug, me, shops } from './state.ts'

const Dashboard = lazyScreen(() => import('./screens/Dashboard.tsx').then((m) => m.Dashboard))
const Orders = lazyScreen(() => import('./screens/Orders.tsx').then((m) => m.Orders))
const OrderDetail = lazyScreen(() => import('./screens/OrderDetail.tsx').then((m) => m.OrderDetail))
const Products = lazyScreen(() => import('./screens/Products.tsx').then((m) => m.Products))
const ProductEditor = lazyScreen(() =>
  import('./screens/ProductEditor.tsx').then((m) => m.ProductEditorScreen),
)
const Categories = lazyScreen(() => import('./screens/Categories.tsx').then((m) => m.Categories))
const Shipping = lazyScreen(() => import('./screens/Shipping.tsx').then((m) => m.Shipping))
const Discounts = lazyScreen(() => import('./screens/Discounts.tsx').then((m) => m.Discounts))
const ImportExport = lazyScreen(() =>
  import('./screens/ImportExport.tsx').then((m) => m.ImportExport),
)
const Share = lazyScreen(() => import('./screens/Share.tsx').then((m) => m.Share))
const WidgetSettings = lazyScreen(() =>
  import('./screens/WidgetSettings.tsx').then((m) => m.WidgetSettings),
)
const Inbox = lazyScreen(() => import('./screens/Inbox.tsx').then((m) => m.Inbox))
const Settings = lazyScreen(() => import('./screens/Settings.tsx').then((m) => m.Settings))

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true, force: true }), [to])
  return <Loading />
}

function ShopScreen({ slug, rest }: { slug: string; rest: string[] }) {
  const [section = '', id] = rest
  switch (section) {
    case '':
      return <Dashboard slug={slug} />
    case 'orders':
      return id ? <OrderDetail slug={slug} code={id} /> : <Orders slug={slug} />
    case 'products':
      return id ? <ProductEditor slug={slug} id={id} /> : <Products slug={slug} />
    case 'categories':
      return <Categories slug={slug} />
    case 'shipping':
      return <Shipping slug={slug} />
    case 'discounts':
      return <Discounts slug={slug} />
    case 'import':
      return <ImportExport slug={slug} />
    case 'share':
      return <Share slug={slug} />
    case 'widget':
      return <WidgetSettings slug={slug} />
    case 'inbox':
      return <Inbox slug={slug} />
    case 'settings':
      return <Settings slug={slug} />
    default:
      return <Redirect to={shopUrl(slug)} />
  }
}

/** Picks the screen for the current path and session. */
export function App() {
  const path = currentPath.value
  const [first = '', ...rest] = adminSegments(path)
  const user = me.value
  const list = shops.value

  useEffect(() => {
    activeSlug.value = first && !['login', 'signup', 'new'].includes(first) ? first : undefined
  }, [first])

  let screen: preact.ComponentChildren
  // A reset link works in any browser, signed in or not.
  if (first === 'login' && rest[0] === 'reset') screen = <ResetPassword />
  else if (user === undefined) screen = <Loading />
  else if (user === null) {
    screen =
      first === 'signup' ? (
        <Login mode="signup" />
      ) : first === 'login' && rest[0] === 'forgot' ? (
        <ForgotPassword />
      ) : first === 'login' ? (
        <Login mode="login" />
      ) : (
        <Redirect to="/admin/login" />
      )
  } else if (first === 'login' || first === 'signup') screen = <Redirect to="/admin" />
  else if (list === undefined) screen = <Loading />
  else if (first === 'new') screen = <Wizard />
  else if (first === '') {
    const firstShop = list[0]
    screen = <Redirect to={firstShop ? shopUrl(firstShop.slug) : '/admin/new'} />
  } else if (!list.some((s) => s.slug === first)) screen = <Redirect to="/admin" />
  else {
    screen = (
      <Shell slug={first} section={rest[0] ?? ''}>
        <ShopScreen slug={first} rest={rest} />
      </Shell>
    )
  }

  return (
    <>
      {screen}
      <DialogHost />
    </>
  )
}
