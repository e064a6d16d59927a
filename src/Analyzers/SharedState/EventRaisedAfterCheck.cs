using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// A field-like event checked for null and then raised by a second read of the field (FL1001):
/// <code>
/// if (TicketSold != null)
/// {
///     TicketSold(this, args);      // a handler removed on another thread after the check leaves the field null
/// }
/// </code>
/// </summary>
/// <remarks>
/// <para>The compiler's <c>add</c> and <c>remove</c> accessors of a field-like event replace its delegate atomically,
/// so subscribing and unsubscribing are safe from any thread; reading the field twice is not. When the last handler is
/// removed between the check and the call, the call reads null and throws. One read into a local, or
/// <c>TicketSold?.Invoke(this, args)</c>, raises the handlers that were there at the read.</para>
/// <para>Reported at the raise when all of these hold: the event is a field-like event of the type; the raise is a call
/// of it by name (<c>E(…)</c> or <c>E.Invoke(…)</c>) inside an <c>if</c> whose condition is <c>E != null</c> or <c>E is
/// not null</c>, with no lock around it; the type synchronizes something (its text names a lock or an atomic
/// operation), so its members are written to run on several threads (set av R05: a ticket booth whose card reader and
/// cash drawer both sell from their own threads, counting with <c>Interlocked</c>); and code of the compilation removes
/// a handler from that event (<c>booth.TicketSold -= OnTicketSold</c>), so the field can become null while the type
/// runs. No fix is offered (the rewrite to <c>?.Invoke</c> is IDE0041's and IDE1005's).</para>
/// </remarks>
internal static class EventRaisedAfterCheck
{
    private static readonly string[] EventWord = ["event"];

    /// <summary>Whether <paramref name="text"/> can declare an event.</summary>
    public static bool MayContain(Microsoft.CodeAnalysis.Text.SourceText text) => SourceWords.Any(text, EventWord);

    /// <summary>Adds a finding for each such raise in <paramref name="semanticModel"/>'s tree.</summary>
    public static void Find(SemanticModel semanticModel, RaceFindings findings, Func<SyntaxTree, SemanticModel> semanticModels, CancellationToken cancellationToken)
    {
        var tree = semanticModel.SyntaxTree;
        var text = tree.GetText(cancellationToken);
        foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is not (EventFieldDeclarationSyntax or EventDeclarationSyntax) || node.Parent is not TypeDeclarationSyntax type
                || !SourceWords.Any(text, type.Span, TypeConcurrency.SynchronizationWords))
            {
                continue;
            }

            foreach (var (name, declared) in RaisedFields(node))
            {
                foreach (var (check, raise) in RaisesAfterCheck(type, name))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var raised = semanticModel.GetSymbolInfo(raise.Expression is MemberAccessExpressionSyntax invoke ? invoke.Expression : raise.Expression, cancellationToken).Symbol;
                    if (semanticModel.GetDeclaredSymbol(declared, cancellationToken) is not IEventSymbol @event
                        || !(SymbolEqualityComparer.Default.Equals(raised, @event)
                             || (node is EventDeclarationSyntax && raised is IFieldSymbol { IsStatic: false, Type.TypeKind: TypeKind.Delegate } backing
                                 && SymbolEqualityComparer.Default.Equals(backing.ContainingType, @event.ContainingType)))
                        || Unsubscription(@event, semanticModel.Compilation, semanticModels, cancellationToken) is not { } removal)
                    {
                        continue;
                    }

                    var raiser = semanticModel.GetEnclosingSymbol(raise.SpanStart, cancellationToken);
                    var remover = removal.Model.GetEnclosingSymbol(removal.Node.SpanStart, cancellationToken);
                    var removedAt = removal.Node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    var checkedAt = check.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    findings.Add(DiagnosticIds.SharedStateMutation, raise.GetLocation(), removal.Node.GetLocation(), @event, lockName: null,
                        [name, remover?.Name ?? "a handler's removal",
                         $"'{raiser?.Name}' checks it for null at line {checkedAt} and raises it here by reading it again, so a handler '{remover?.Name}' removes in between (line {removedAt}) can leave it null{(node is EventDeclarationSyntax ? $" (the lock '{@event.Name}''s remove accessor takes is not held here)" : "")}; raise it once, from a local copy or with '{name}?.Invoke(…)'"],
                        handedOver: true);
                }
            }
        }
    }

    /// <summary>
    /// The names raised for an event declaration, each with the node that declares the event: a field-like event's own
    /// names; for an event with accessors, the field its <c>remove</c> accessor takes handlers out of
    /// (<c>remove { lock (_gate) { _changeRung -= value; } }</c>, set be R12): taking them out under a lock does not
    /// keep a raise that reads the field twice from reading null the second time.
    /// </summary>
    private static IEnumerable<(string Name, SyntaxNode Declared)> RaisedFields(SyntaxNode node)
    {
        if (node is EventFieldDeclarationSyntax field)
        {
            foreach (var variable in field.Declaration.Variables)
            {
                yield return (variable.Identifier.ValueText, variable);
            }

            yield break;
        }

        if (node is EventDeclarationSyntax { AccessorList.Accessors: var accessors } declaration)
        {
            foreach (var accessor in accessors)
            {
                if (!accessor.Keyword.IsKind(SyntaxKind.RemoveKeyword))
                {
                    continue;
                }

                foreach (var removal in accessor.DescendantNodes().OfType<AssignmentExpressionSyntax>())
                {
                    if (removal.IsKind(SyntaxKind.SubtractAssignmentExpression) && removal.Right is IdentifierNameSyntax { Identifier.ValueText: "value" }
                        && FieldNames.Written(removal.Left) is { } backing)
                    {
                        yield return (backing, declaration);
                        yield break;
                    }
                }
            }
        }
    }

    /// <summary>The calls of the event by <paramref name="name"/> inside an <c>if</c> that checks it for null, outside any lock.</summary>
    private static IEnumerable<(ExpressionSyntax Check, InvocationExpressionSyntax Raise)> RaisesAfterCheck(TypeDeclarationSyntax type, string name)
    {
        foreach (var token in SourceWords.IdentifiersNamed(type, name))
        {
            if (token.Parent is not IdentifierNameSyntax identifier
                || (identifier.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Invoke" } invoke && invoke.Expression == identifier ? invoke.Parent : identifier.Parent)
                    is not InvocationExpressionSyntax raise
                || raise.FirstAncestorOrSelf<LockStatementSyntax>() is not null)
            {
                continue;
            }

            foreach (var ancestor in raise.Ancestors())
            {
                if (ancestor is MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    break;
                }

                if (ancestor is IfStatementSyntax { Condition: var condition } check && check.Statement.Span.Contains(raise.Span) && NullCheckedReads.ChecksNotNull(condition, name))
                {
                    yield return (condition, raise);
                    break;
                }
            }
        }
    }

    /// <summary>A removal of a handler from <paramref name="event"/> anywhere in the compilation (<c>x.E -= h</c>), and the model that bound it.</summary>
    private static (SyntaxNode Node, SemanticModel Model)? Unsubscription(IEventSymbol @event, Compilation compilation, Func<SyntaxTree, SemanticModel> semanticModels, CancellationToken cancellationToken, int depth = 0)
    {
        var name = new[] { @event.Name };
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!SourceWords.Any(tree.GetText(cancellationToken), name))
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (var token in SourceWords.IdentifiersNamed(tree.GetRoot(cancellationToken), @event.Name))
            {
                var target = token.Parent is IdentifierNameSyntax identifier && identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier
                    ? (ExpressionSyntax)access
                    : token.Parent as ExpressionSyntax;
                if (target?.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SubtractAssignmentExpression } removal && removal.Left == target)
                {
                    model ??= semanticModels(tree);
                    if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(target, cancellationToken).Symbol?.OriginalDefinition, @event.OriginalDefinition)
                        && RemovesForSomeone(removal, model, compilation, semanticModels, cancellationToken, depth))
                    {
                        return (removal, model);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="removal"/> can run: code that is not an event's <c>remove</c> accessor; or the accessor of
    /// an event (a wrapper's <c>remove { _item.Completed -= value; }</c>) that code outside the assembly can reach, or
    /// that code of the compilation removes from, itself or through an interface it implements. SmartThreadPool's work
    /// item results forward their internal interface's event this way, and nothing ever removes a handler from either.
    /// </summary>
    private static bool RemovesForSomeone(SyntaxNode removal, SemanticModel model, Compilation compilation, Func<SyntaxTree, SemanticModel> semanticModels, CancellationToken cancellationToken, int depth)
    {
        if (removal.FirstAncestorOrSelf<AccessorDeclarationSyntax>() is not { Parent.Parent: EventDeclarationSyntax declaration } accessor
            || !accessor.Keyword.IsKind(SyntaxKind.RemoveKeyword)
            || model.GetDeclaredSymbol(declaration, cancellationToken) is not { } forwarding)
        {
            return true;
        }

        if (depth >= 3)
        {
            return true; // a chain of wrappers this long is taken as reachable
        }

        foreach (var @event in Implemented(forwarding))
        {
            if (VisibleOutside(@event) || Unsubscription(@event, compilation, semanticModels, cancellationToken, depth + 1) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="event"/> and the interface events it implements.</summary>
    private static IEnumerable<IEventSymbol> Implemented(IEventSymbol @event)
    {
        yield return @event;
        foreach (var explicitly in @event.ExplicitInterfaceImplementations)
        {
            yield return explicitly;
        }

        foreach (var contract in @event.ContainingType.AllInterfaces)
        {
            foreach (var member in contract.GetMembers(@event.Name))
            {
                if (member is IEventSymbol declared
                    && SymbolEqualityComparer.Default.Equals(@event.ContainingType.FindImplementationForInterfaceMember(declared), @event))
                {
                    yield return declared;
                }
            }
        }
    }

    /// <summary>Whether code outside the assembly can name <paramref name="symbol"/>: it and every type around it are public or protected.</summary>
    private static bool VisibleOutside(ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }
}
