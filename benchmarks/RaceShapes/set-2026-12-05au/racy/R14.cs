using System.Collections.Immutable;

namespace Blind47.Couriers.Dispatch;

public sealed record CourierCommand(string Name, string RiderId, IReadOnlyDictionary<string, string> Args);

public interface IDispatchModule
{
    Task RegisterAsync(CommandDispatcher dispatcher, CancellationToken ct);
}

/// <summary>
/// Routes rider app commands (pick-up, drop-off, puncture, break) to handlers
/// contributed by the dispatch modules. Dispatch runs on request threads.
/// </summary>
public sealed class CommandDispatcher
{
    private ImmutableDictionary<string, Func<CourierCommand, CancellationToken, Task<string>>> _handlers =
        ImmutableDictionary.Create<string, Func<CourierCommand, CancellationToken, Task<string>>>(StringComparer.OrdinalIgnoreCase);

    public void Register(string commandName, Func<CourierCommand, CancellationToken, Task<string>> handler)
    {
        _handlers = _handlers.SetItem(commandName, handler);
    }

    public bool Unregister(string commandName)
    {
        var before = _handlers;
        _handlers = before.Remove(commandName);
        return before.ContainsKey(commandName);
    }

    public IReadOnlyCollection<string> KnownCommands => Volatile.Read(ref _handlers).Keys.ToArray();

    public Task<string> DispatchAsync(CourierCommand command, CancellationToken ct)
    {
        var handlers = Volatile.Read(ref _handlers);
        if (!handlers.TryGetValue(command.Name, out var handler))
        {
            return Task.FromResult($"unknown command '{command.Name}'");
        }

        return handler(command, ct);
    }

    /// <summary>
    /// Loads all modules at start-up. Modules that fetch zone maps or tariffs
    /// are slow, so they are started together.
    /// </summary>
    public async Task LoadModulesAsync(IEnumerable<IDispatchModule> modules, CancellationToken ct)
    {
        await Task.WhenAll(modules.Select(m => Task.Run(() => m.RegisterAsync(this, ct), ct)));
    }
}

public sealed class PunctureModule : IDispatchModule
{
    public async Task RegisterAsync(CommandDispatcher dispatcher, CancellationToken ct)
    {
        await Task.Delay(50, ct); // fetch the list of partner bike shops
        dispatcher.Register("puncture", (cmd, _) => Task.FromResult($"{cmd.RiderId}: nearest repair stand notified"));
        dispatcher.Register("mechanical", (cmd, _) => Task.FromResult($"{cmd.RiderId}: backup bike dispatched"));
    }
}

public sealed class DeliveryModule : IDispatchModule
{
    public async Task RegisterAsync(CommandDispatcher dispatcher, CancellationToken ct)
    {
        await Task.Delay(80, ct); // fetch zone tariffs
        dispatcher.Register("pickup", (cmd, _) => Task.FromResult($"{cmd.RiderId}: collected {cmd.Args.GetValueOrDefault("parcel")}"));
        dispatcher.Register("dropoff", (cmd, _) => Task.FromResult($"{cmd.RiderId}: delivered {cmd.Args.GetValueOrDefault("parcel")}"));
    }
}
