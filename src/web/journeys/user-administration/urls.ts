export const adminUrls = {
  users: () => '/admin/users',
  addUser: () => '/admin/users/add',
  editUser: (userId: number) => `/admin/users/${userId}/edit`,
  tokens: () => '/admin/tokens',
  revokeToken: (tokenId: number) => `/admin/tokens/${tokenId}/revoke`,
}
