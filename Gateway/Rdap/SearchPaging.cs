namespace Rds.Gateway.Rdap;

/// <summary>The paging parameters every search takes (RFC 8977 style): a signed <c>cursor</c> and <c>count</c>.</summary>
internal sealed record SearchPaging(string? After, bool IncludeCount)
{
    public static (SearchPaging? Paging, IResult? Error) Parse(IQueryCollection query, string fingerprint, SearchCursor cursors)
    {
        string? after = null;
        if (query.TryGetValue("cursor", out var cursor) && (cursor.Count != 1 || !cursors.TryRead(fingerprint, cursor[0]!, out after)))
            return (null, RdapError.BadRequest("The cursor is not valid for this query: it was altered, or belongs to another search."));
        var includeCount = false;
        if (query.TryGetValue("count", out var count) && !bool.TryParse(count, out includeCount))
            return (null, RdapError.BadRequest("'count' must be true or false."));
        return (new SearchPaging(after, includeCount), null);
    }
}
