using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using System.Text;

namespace Blind26.ChessClock.Contracts;

public sealed class MessageContract
{
    public MessageContract(Type type, ImmutableArray<PropertyInfo> properties)
    {
        Type = type;
        Properties = properties;
    }

    public Type Type { get; }
    public ImmutableArray<PropertyInfo> Properties { get; }
}

/// <summary>
/// Contract cache for tournament clock messages. One static instance is used by every
/// serializer in the process, across all boards' broadcast tasks.
/// </summary>
public sealed class ClockMessageContractCache
{
    public static ClockMessageContractCache Default { get; } = new();

    private readonly ConcurrentDictionary<Type, Lazy<MessageContract>> _contracts = new();

    public MessageContract Get(Type type) =>
        _contracts.GetOrAdd(type, static t =>
            new Lazy<MessageContract>(() => Build(t), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    public int Count => _contracts.Count;

    private static MessageContract Build(Type type)
    {
        var props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .ToImmutableArray();
        return new MessageContract(type, props);
    }
}

/// <summary>Serializes clock messages for the live board feed.</summary>
public sealed class ClockMessageWriter
{
    private readonly ClockMessageContractCache _cache;

    public ClockMessageWriter(ClockMessageContractCache? cache = null) => _cache = cache ?? ClockMessageContractCache.Default;

    public string Write(object message)
    {
        var contract = _cache.Get(message.GetType());
        var sb = new StringBuilder();
        sb.Append('{');
        bool first = true;
        foreach (var p in contract.Properties)
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            sb.Append('"').Append(char.ToLowerInvariant(p.Name[0])).Append(p.Name, 1, p.Name.Length - 1).Append("\":");
            object? value = p.GetValue(message);
            if (value is int or long or double)
            {
                sb.Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append('"').Append(value).Append('"');
            }
        }

        return sb.Append('}').ToString();
    }

    public Task BroadcastAsync(IEnumerable<object> messages, Func<string, Task> send) =>
        Parallel.ForEachAsync(messages, async (m, _) => await send(Write(m)).ConfigureAwait(false));
}

public sealed record ClockTick(int Board, long WhiteMs, long BlackMs);
public sealed record GameResult(int Board, string Result);
