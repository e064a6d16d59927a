using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A single-producer, single-consumer ring (set ah C26): each side reads its own index plainly and writes it back
/// with Volatile.Write, reading the other side's index with Volatile.Read. Each index has one writer by the design,
/// so the two steps lose nothing; an index that two members write back that way still loses updates.
/// </summary>
public class HandshakeIndexTests
{
    private static Task VerifyAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(source, expected);

    private static string Ring(string consumerAdvance) => $$"""
        using System;
        using System.Threading;

        public sealed class {|#1:FrameRing|}
        {
            private readonly short[][] _slots;
            private int _head;
            private int _tail;

            public FrameRing(int capacity)
            {
                _slots = new short[capacity + 1][];
                for (var i = 0; i < _slots.Length; i++)
                {
                    _slots[i] = new short[256];
                }
            }

            public bool TryWrite(ReadOnlySpan<short> frame)
            {
                var tail = _tail;
                var next = (tail + 1) % _slots.Length;
                if (next == Volatile.Read(ref _head))
                {
                    return false;
                }

                frame.CopyTo(_slots[tail]);
                Volatile.Write(ref _tail, next);
                return true;
            }

            public bool TryRead(Span<short> into)
            {
                var head = _head;
                if (head == Volatile.Read(ref _tail))
                {
                    return false;
                }

                _slots[head].CopyTo(into);
        {{consumerAdvance}}
                return true;
            }

            public void Skip()
            {
                var head = Volatile.Read(ref _head);
                {|#2:Volatile.Write(ref _head, (head + 1) % _slots.Length)|};
            }
        }
        """;

    [Fact]
    public Task Each_side_advancing_its_own_index_is_silent()
        => VerifyAsync(Ring("""
                    Volatile.Write(ref _head, (head + 1) % _slots.Length);
            """).Replace("{|#1:FrameRing|}", "FrameRing").Replace("""
                public void Skip()
                {
                    var head = Volatile.Read(ref _head);
                    {|#2:Volatile.Write(ref _head, (head + 1) % _slots.Length)|};
                }

            """, string.Empty));

    [Fact]
    public Task An_index_that_a_second_member_also_advances_is_reported()
        => VerifyAsync(
            Ring("""
                    {|#0:Volatile.Write(ref _head, (head + 1) % _slots.Length)|};
            """),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_head", "TryRead", "'TryRead' may run on several threads at once: 'FrameRing' synchronizes its own state ('TryWrite' uses Volatile on '_tail'); it reads '_head' and writes it back in two atomic steps, so an update made between them is lost (Interlocked.Add or a compare-and-swap loop makes it one)"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(2).WithLocation(1).WithArguments(
                "_head", "Skip", "'Skip' may run on several threads at once: 'FrameRing' synchronizes its own state ('TryWrite' uses Volatile on '_tail'); it reads '_head' and writes it back in two atomic steps, so an update made between them is lost (Interlocked.Add or a compare-and-swap loop makes it one)"));
}
