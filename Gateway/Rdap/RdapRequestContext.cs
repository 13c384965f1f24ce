namespace Rds.Gateway.Rdap;

/// <summary>What a rendering needs to know about the request: the URL that was asked (links' <c>value</c>) and the base of this server's RDAP URLs.</summary>
internal sealed record RdapRequestContext(string QueryUrl, string RdapBaseUrl)
{
    public static RdapRequestContext From(HttpRequest request)
    {
        var origin = $"{request.Scheme}://{request.Host}{request.PathBase}";
        return new RdapRequestContext(origin + request.Path + request.QueryString, origin + "/rdap");
    }
}
