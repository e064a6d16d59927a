namespace Blind27.MuseumConservation.Journal;

/// <summary>A fixed-size in-memory segment of the treatment journal.</summary>
public sealed class JournalSegment
{
    private readonly byte[] _bytes;
    private int _length;

    public JournalSegment(long sequence, int size)
    {
        Sequence = sequence;
        _bytes = new byte[size];
    }

    public long Sequence { get; }
    public int Length => _length;
    public bool HasRoomFor(int count) => _length + count <= _bytes.Length;

    public void Append(ReadOnlySpan<byte> entry)
    {
        entry.CopyTo(_bytes.AsSpan(_length));
        _length += entry.Length;
    }

    public ReadOnlyMemory<byte> Contents => _bytes.AsMemory(0, _length);
}

/// <summary>
/// Write-ahead journal for conservation treatments (solvent cleaning, consolidation,
/// retouching) recorded by the lab benches. Every bench terminal appends through the
/// same journal instance; full segments are handed to the archiver.
/// </summary>
public sealed class TreatmentJournal
{
    private readonly int _segmentSize;
    private readonly Action<JournalSegment> _archive;
    private JournalSegment _segment;
    private long _nextSequence;

    public TreatmentJournal(int segmentSize, Action<JournalSegment> archive)
    {
        _segmentSize = segmentSize;
        _archive = archive;
        _segment = new JournalSegment(_nextSequence++, segmentSize);
    }

    public void Append(string benchId, string objectNumber, string treatment)
    {
        var entry = System.Text.Encoding.UTF8.GetBytes($"{DateTime.UtcNow:O}\t{benchId}\t{objectNumber}\t{treatment}\n");
        if (entry.Length > _segmentSize)
        {
            throw new ArgumentException("Entry larger than a journal segment.", nameof(treatment));
        }

        lock (_segment)
        {
            if (!_segment.HasRoomFor(entry.Length))
            {
                var full = _segment;
                _segment = new JournalSegment(_nextSequence++, _segmentSize);
                _archive(full);
            }

            _segment.Append(entry);
        }
    }
}
