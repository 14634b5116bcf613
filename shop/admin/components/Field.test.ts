import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../api.ts'
import { locale } from '../i18n.ts'
import { errorsFrom } from './Field.tsx'

describe('errorsFrom', () => {
  afterEach(() => {
    locale.value = 'en'
  })

  it('should never show the field path the API puts in front of its message', () => {
    locale.value = 'en'
    const error = new ApiError(
      400,
      'invalid',
      'whatsappPhone: give the number with its country code',
      'whatsappPhone',
    )
    expect(errorsFrom(error)).toEqual({ whatsappPhone: 'give the number with its country code' })
  })

  it('should word errors by code in French, beside their field', () => {
    locale.value = 'fr'
    expect(
      errorsFrom(new ApiError(400, 'invalid', 'email: Invalid email address', 'email')),
    ).toEqual({
      email: 'Cette valeur n’est pas valide ; vérifiez-la et réessayez.',
    })
    expect(errorsFrom(new ApiError(400, 'required', 'name is required', 'name'))).toEqual({
      name: 'Merci de remplir ce champ.',
    })
    expect(errorsFrom(new ApiError(429, 'rate_limited', 'Too many requests'))).toEqual({
      _form: 'Trop de tentatives ; patientez une minute.',
    })
    expect(errorsFrom(new TypeError('Failed to fetch'))).toEqual({
      _form: 'Un problème est survenu ; réessayez',
    })
  })
})
