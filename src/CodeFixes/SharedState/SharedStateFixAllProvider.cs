using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Forklift.CodeFixes.SharedState;

/// <summary>
/// Fix All for the shared-state fixes: applies one fix kind (the equivalence key) to all of a document's diagnostics in
/// one edit, so that a new lock field or a collection's new type is introduced once, not once per diagnostic.
/// </summary>
internal sealed class SharedStateFixAllProvider : DocumentBasedFixAllProvider
{
    private readonly Func<Document, ImmutableArray<Diagnostic>, string, CancellationToken, Task<Document>> _apply;

    public SharedStateFixAllProvider(Func<Document, ImmutableArray<Diagnostic>, string, CancellationToken, Task<Document>> apply) => _apply = apply;

    protected override string GetFixAllTitle(FixAllContext fixAllContext) => fixAllContext.CodeActionEquivalenceKey ?? "Fix all";

    protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
        => await _apply(document, diagnostics, fixAllContext.CodeActionEquivalenceKey ?? string.Empty, fixAllContext.CancellationToken).ConfigureAwait(false);
}
