using System.CommandLine;

namespace Rds.Tools.Commands;

/// <summary>The <c>--gateway</c> option shared by the commands that talk to a running gateway.</summary>
internal static class GatewayOption
{
    public static Option<Uri> Create() => new("--gateway")
    {
        Description = "Base URL of the gateway, e.g. http://localhost:5080.",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri;
            }

            result.AddError("--gateway must be an absolute http or https URL.");
            return null;
        },
    };
}
