import type { MessageCatalogue } from '../../core/errors.ts';
import { MIN_PASSWORD_LENGTH } from './passwords.ts';

export const orgMessages: MessageCatalogue = {
  'auth.invalid_credentials': { zh: '用户名或密码错误', en: 'Wrong username or password' },
  'auth.account_locked': { zh: '登录失败次数过多，账号已锁定至 {until}', en: 'Too many failed logins: the account is locked until {until}' },
  'auth.account_disabled': { zh: '账号已停用', en: 'This account is disabled' },
  'auth.demo_password_refused': { zh: '生产环境不接受演示密码，请修改密码', en: 'The demo password is refused in production: change the password' },
  'auth.unauthenticated': { zh: '请先登录', en: 'Please sign in' },
  'auth.csrf_invalid': { zh: '请求缺少有效的 CSRF 令牌', en: 'The request lacks a valid CSRF token' },
  'org.unknown_jurisdiction': { zh: '行政区划代码不存在', en: 'No such jurisdiction code' },
  'org.jurisdiction_out_of_scope': { zh: '该行政区划不在您的管辖范围内', en: 'This jurisdiction is outside your scope' },
  'org.unknown_agency': { zh: '单位不存在或不在您的管辖范围内', en: 'No such agency in your scope' },
  'org.agency_outside_jurisdiction': { zh: '用户所属行政区划必须在其单位的管辖范围内', en: "The user's jurisdiction must lie within the agency's" },
  'org.username_taken': { zh: '用户名已被使用', en: 'This username is taken' },
  'org.password_too_short': { zh: `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`, en: `The password needs at least ${MIN_PASSWORD_LENGTH} characters` },
  'org.user_not_found': { zh: '用户不存在', en: 'No such user' },
  'org.agency_not_found': { zh: '单位不存在', en: 'No such agency' },
  'org.current_password_wrong': { zh: '当前密码不正确', en: 'The current password is wrong' },
  'org.password_unchanged': { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  'org.password_refused': { zh: '不能使用演示密码', en: 'The demo password cannot be used' },
  'org.cannot_disable_self': { zh: '不能停用自己的账号', en: 'You cannot disable your own account' },
  'org.cannot_change_own_roles': { zh: '不能修改自己的角色', en: 'You cannot change your own roles' },
  'org.agency_disabled': { zh: '该单位已停用', en: 'This agency is disabled' },
  'org.agency_has_users_elsewhere': { zh: '该单位仍有用户位于新行政区划之外', en: "Some of the agency's users lie outside the new jurisdiction" },
};
