using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Rds.Hosting;

namespace Rds.Silo.Hosting;

/// <summary>
/// Counts the silo's table calls that failed after the client's retries. Orleans' own storage counters see grain state
/// only; the audit log, attribute index and pseudonym directory are written past it, and an audit that cannot be
/// written turns requests into 503s. Labelled by the table's role and the error's kind, never by a key or value.
/// </summary>
public sealed class StorageMetrics(IMeterFactory meters)
{
    private readonly StorageErrors _errors = new(meters);

    /// <summary>Client options whose calls to the <paramref name="role"/> table are counted when they fail.</summary>
    public TableClientOptions ClientOptions(string role)
    {
        var options = new TableClientOptions();
        // Per call, not per retry: a failure the retries mended is not an error of the service.
        options.AddPolicy(new FailureCounting(this, role), HttpPipelinePosition.PerCall);
        return options;
    }

    private void Failed(string role, string error) => _errors.Count(role, error);

    private sealed class FailureCounting(StorageMetrics metrics, string role) : HttpPipelinePolicy
    {
        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            try
            {
                await ProcessNextAsync(message, pipeline);
            }
            catch (Exception failure) when (!message.CancellationToken.IsCancellationRequested)
            {
                metrics.Failed(role, failure.GetType().Name);
                throw;
            }
            CountServerError(message);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            try
            {
                ProcessNext(message, pipeline);
            }
            catch (Exception failure) when (!message.CancellationToken.IsCancellationRequested)
            {
                metrics.Failed(role, failure.GetType().Name);
                throw;
            }
            CountServerError(message);
        }

        // 4xx answers (not found, conflict, precondition failed) are how ETags and upserts work, not failures.
        private void CountServerError(HttpMessage message)
        {
            if (message.HasResponse && message.Response.Status >= 500)
                metrics.Failed(role, message.Response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
