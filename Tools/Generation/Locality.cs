namespace Rds.Tools.Generation;

/// <summary>A city with its region, postal-code pattern (<c>#</c> a digit, <c>A</c> a letter) and phone country code.</summary>
internal sealed record Locality(string City, string? Region, string PostalPattern, string CountryCode, string PhoneCountryCode);
