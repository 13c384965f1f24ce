using Npgsql;
using NpgsqlTypes;
using Rds.Attributes;
using Rds.Pivots;

namespace Rds.Tools.Benchmarks;

/// <summary>
/// The PostgreSQL baseline of <c>bench pivot</c>: one table of domain–attribute edges with a covering index each
/// way, bulk-loaded with binary COPY, and one SQL round trip per hop that finds the frontier's new attributes,
/// counts each, and returns the members of those within the fan-out cap.
/// </summary>
internal sealed class PostgresPivotSource(NpgsqlDataSource dataSource) : IPivotSource
{
    // Attributes already met travel as two parallel arrays, so the database never re-counts or re-expands them.
    // count(*) over the (kind, value) index is the exact count a user of plain PostgreSQL would compute.
    private const string HopSql = """
        WITH met AS (
            SELECT DISTINCT d.kind, d.value
            FROM domain_attribute d
            WHERE d.domain = ANY(@frontier) AND d.kind = ANY(@follow)
              AND NOT EXISTS (SELECT 1 FROM unnest(@met_kinds, @met_values) AS x(kind, value) WHERE x.kind = d.kind AND x.value = d.value)
        ), counted AS MATERIALIZED (
            SELECT met.kind, met.value, (SELECT count(*) FROM domain_attribute c WHERE c.kind = met.kind AND c.value = met.value) AS n
            FROM met
        )
        SELECT kind, value, n, NULL::text AS domain FROM counted WHERE n > @cap
        UNION ALL
        SELECT c.kind, c.value, c.n, m.domain FROM counted c JOIN domain_attribute m ON m.kind = c.kind AND m.value = c.value WHERE c.n <= @cap
        """;

    /// <summary>Replaces the table with the graph's edges and indexes it both ways; returns the rows loaded.</summary>
    public async Task<long> LoadAsync(PivotGraph graph, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "DROP TABLE IF EXISTS domain_attribute; CREATE TABLE domain_attribute (domain text NOT NULL, kind smallint NOT NULL, value text NOT NULL)", cancellationToken);
        long rows = 0;
        await using (var writer = await connection.BeginBinaryImportAsync("COPY domain_attribute (domain, kind, value) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (domain, attributes) in graph.AttributesByDomain)
            {
                foreach (var attribute in attributes)
                {
                    await writer.StartRowAsync(cancellationToken);
                    await writer.WriteAsync(domain, NpgsqlDbType.Text, cancellationToken);
                    await writer.WriteAsync((short)attribute.Kind, NpgsqlDbType.Smallint, cancellationToken);
                    await writer.WriteAsync(attribute.Value, NpgsqlDbType.Text, cancellationToken);
                    rows++;
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }

        // Indexes after the load (faster than maintaining them row by row); covering, so both directions are
        // index-only scans once VACUUM has set the visibility map.
        await ExecuteAsync(connection, "CREATE INDEX domain_attribute_by_domain ON domain_attribute (domain, kind, value)", cancellationToken);
        await ExecuteAsync(connection, "CREATE INDEX domain_attribute_by_value ON domain_attribute (kind, value, domain)", cancellationToken);
        await ExecuteAsync(connection, "VACUUM ANALYZE domain_attribute", cancellationToken);
        return rows;
    }

    public async Task<IReadOnlyList<PivotExpansion>> ExpandAsync(
        IReadOnlyList<string> frontier, PivotRequest request, IReadOnlySet<AttributeValue> met, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(HopSql);
        command.Parameters.Add(new NpgsqlParameter<string[]>("frontier", frontier.ToArray()));
        command.Parameters.Add(new NpgsqlParameter<short[]>("follow", request.Follow.Select(kind => (short)kind).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<short[]>("met_kinds", met.Select(attribute => (short)attribute.Kind).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("met_values", met.Select(attribute => attribute.Value).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long>("cap", request.FanOutCap));

        // Rows come one per (attribute, member), or one per attribute over the cap; grouped here in arrival order.
        var order = new List<AttributeValue>();
        var byAttribute = new Dictionary<AttributeValue, (long Count, List<string>? Members)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var attribute = new AttributeValue((AttributeKind)reader.GetInt16(0), reader.GetString(1));
            var count = reader.GetInt64(2);
            if (!byAttribute.TryGetValue(attribute, out var entry))
            {
                entry = (count, reader.IsDBNull(3) ? null : []);
                byAttribute[attribute] = entry;
                order.Add(attribute);
            }

            entry.Members?.Add(reader.GetString(3));
        }

        return order.Select(attribute => new PivotExpansion(attribute, byAttribute[attribute].Count, byAttribute[attribute].Members)).ToList();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
