using System.Collections.Immutable;
using Orleans.Runtime;
using Rds.Registrars;

namespace Rds.Grains.Registrars;

/// <summary>The registrars known by one name. A name listed here is checked against the registrar's current name on lookup.</summary>
internal sealed class RegistrarNameGrain(
    [PersistentState("registrarName", StorageNames.Registry)] IPersistentState<RegistrarNameState> state) : Grain, IRegistrarNameGrain
{
    async Task IRegistrarNameGrain.NameAsync(string ianaId, bool named)
    {
        var ids = named ? state.State.IanaIds.Add(ianaId) : state.State.IanaIds.Remove(ianaId);
        if (ids == state.State.IanaIds)
            return;
        state.State = new RegistrarNameState { IanaIds = ids };
        await state.WriteStateAsync();
    }

    Task<ImmutableArray<string>> IRegistrarNameGrain.IanaIdsAsync() =>
        Task.FromResult<ImmutableArray<string>>([.. state.State.IanaIds.OrderBy(id => id.Length).ThenBy(id => id, StringComparer.Ordinal)]);
}
