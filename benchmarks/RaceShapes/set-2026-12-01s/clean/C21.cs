using System.Collections.Concurrent;

namespace BridgeToll.Settlement;

public sealed record TagRead(string TagId, string Plaza, int Lane, DateTimeOffset At, int VehicleClass);

public sealed record SettlementReport(int Reads, IReadOnlyDictionary<string, decimal> ChargesPerTag, int UnknownTags);

/// <summary>
/// End-of-shift settlement for a toll plaza. The lane readers' files are parsed in
/// parallel and fed into a bounded queue; one consumer prices each read and owns the
/// running totals until the shift is closed.
/// </summary>
public sealed class ShiftSettlement
{
    private static readonly decimal[] ClassRates = { 0m, 3.50m, 5.25m, 9.80m, 14.60m };

    private readonly BlockingCollection<TagRead> _reads = new(boundedCapacity: 5_000);
    private readonly ISet<string> _registeredTags;
    private readonly Dictionary<string, decimal> _charges = new(StringComparer.Ordinal);
    private readonly Task _consumer;
    private int _readCount;
    private int _unknown;

    public ShiftSettlement(ISet<string> registeredTags)
    {
        _registeredTags = registeredTags;
        _consumer = Task.Factory.StartNew(Consume, CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public void LoadLaneFiles(IEnumerable<IEnumerable<TagRead>> laneFiles)
    {
        Parallel.ForEach(laneFiles, file =>
        {
            foreach (var read in file)
                _reads.Add(read);
        });
    }

    private void Consume()
    {
        foreach (var read in _reads.GetConsumingEnumerable())
        {
            _readCount++;
            if (!_registeredTags.Contains(read.TagId))
            {
                _unknown++;
                continue;
            }

            int cls = Math.Clamp(read.VehicleClass, 1, ClassRates.Length - 1);
            _charges[read.TagId] = _charges.GetValueOrDefault(read.TagId) + ClassRates[cls];
        }
    }

    /// <summary>
    /// Closes the shift. Must be called once, after all lane files have been loaded.
    /// </summary>
    public SettlementReport Close()
    {
        _reads.CompleteAdding();
        _consumer.Wait();
        return new SettlementReport(_readCount, new Dictionary<string, decimal>(_charges), _unknown);
    }
}
