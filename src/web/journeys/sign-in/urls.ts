export const signInUrls = {
  start: () => '/',
  signIn: () => '/sign-in',
  signOut: () => '/sign-out',
  oidcStart: () => '/sign-in/oidc',
  oidcCallback: () => '/sign-in/oidc/callback',
}
