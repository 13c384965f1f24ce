using Azure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Rds.Gateway.Rdap;

namespace Rds.Gateway.Hosting;

/// <summary>
/// Last line of defence: a failure of the cluster or its storage becomes a retriable 503, a body too large a 413,
/// anything else a 500 with an RDAP body; never a stack trace.
/// </summary>
internal sealed class ClusterUnavailableHandler(ILogger<ClusterUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.Response.HasStarted)
            return false;
        var result = Classify(exception);
        if (result is null)
        {
            logger.LogError(exception, "Unhandled failure on {Method} {Path}", context.Request.Method, context.Request.Path);
            result = RdapError.Result(StatusCodes.Status500InternalServerError, "Internal Server Error", "The request failed; it has been logged.");
        }
        else
        {
            logger.LogWarning("Request on {Path} failed with {Failure}: {Message}", context.Request.Path, exception.GetType().Name, exception.Message);
        }
        await result.ExecuteAsync(context);
        return true;
    }

    private static IResult? Classify(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: > 0 } aggregate => Classify(aggregate.InnerExceptions[0]),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            RdapError.Result(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", "The request body exceeds the limit of this endpoint."),
        BadHttpRequestException bad => RdapError.Result(bad.StatusCode, "Bad Request", "The request could not be read."),
        TimeoutException or OrleansException or RequestFailedException or OperationCanceledException =>
            RdapError.Unavailable("The registration data cluster is not answering; retry shortly."),
        _ => null,
    };
}
