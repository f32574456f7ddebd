// Typing of expressions: what each operator and function accepts and gives.

extension Checker {
    /// Resolves and types an expression; nil when it has an error (already reported).
    mutating func typed(_ expr: Expr) -> TypedExpr? {
        let range = expr.range
        switch expr.kind {
        case .number(let value, _):
            return TypedExpr(.constant(.number(value)), .number, range)
        case .percent(let value, _):
            return TypedExpr(.constant(.number(value)), .share, range)
        case .string(let literal):
            guard literal.pieces.allSatisfy({ if case .text = $0 { true } else { false } }) else {
                report(.error("E0218", range, Messages.interpolationOutsideText, hint: nil))
                return nil
            }
            return TypedExpr(.constant(.text(TextNormalization.nfc(literal.plainText))), .text, range)
        case .boolean(let value):
            return TypedExpr(.constant(.flag(value)), .flag, range)
        case .missing:
            return TypedExpr(.constant(.missing), .any, range)
        case .name(let identifier):
            return resolve(identifier).map { TypedExpr($0.kind, $0.type, range) }
        case .qualified(let table, let column):
            return resolveQualified(table, column, range: range)
        case .parenthesized(let inner):
            return typed(inner).map { TypedExpr($0.kind, $0.type, range) }
        case .unary(let op, let operand):
            guard let operand = typed(operand) else { return nil }
            switch op {
            case .not:
                guard requireFlag(operand, Messages.notNeedsYesNo) else { return nil }
                if case .scalar(.fired, let arguments) = operand.kind, case .rule(let rule) = arguments.first?.kind {
                    warnUndecidedAsSilent(rule, negated: true, range)
                }
                return TypedExpr(.unary(.not, operand), .flag, range)
            case .negate:
                guard requireNumber(operand) else { return nil }
                return TypedExpr(.unary(.negate, operand), operand.type == .count ? .number : operand.type, range)
            }
        case .binary(let op, let left, let right):
            // Both sides are typed even when one fails, so that each mistake is reported.
            let typedLeft = typed(left)
            let typedRight = typed(right)
            guard let left = typedLeft, let right = typedRight else { return nil }
            return binary(op, left, right, range)
        case .between(let subject, let low, let high, let negated):
            guard let subject = typed(subject), let low = typed(low), let high = typed(high) else { return nil }
            guard requireNumber(subject), requireNumber(low), requireNumber(high) else { return nil }
            guard compatibleUnits(subject, low), compatibleUnits(subject, high) else { return nil }
            lintShare(subject, against: low)
            lintShare(subject, against: high)
            return TypedExpr(.between(subject, low: low, high: high, negated: negated), .flag, range)
        case .inList(let subject, let items, let negated):
            guard let subject = typed(subject) else { return nil }
            var typedItems: [TypedExpr] = []
            for item in items {
                guard let item = typed(item) else { return nil }
                guard subject.type.unified(with: item.type) != nil else {
                    report(.error("E0201", item.range, Messages.mismatchedTypes(subject.type, item.type), hint: nil))
                    return nil
                }
                typedItems.append(item)
            }
            return TypedExpr(.inList(subject, typedItems, negated: negated), .flag, range)
        case .conditional(let condition, let then, let otherwise):
            guard let condition = typed(condition), let then = typed(then), let otherwise = typed(otherwise) else { return nil }
            guard requireFlag(condition, Messages.conditionMustBeYesNo) else { return nil }
            guard let type = then.type.unified(with: otherwise.type) else {
                report(.error("E0204", range, Messages.branchesDiffer(then.type, otherwise.type), hint: Messages.branchesDifferHint))
                return nil
            }
            return TypedExpr(.conditional(condition, then: then, otherwise: otherwise), type, range)
        case .call(let function, let arguments, let groups):
            return call(function, arguments, groups, range)
        case .atLeast(let count, let items):
            guard let countExpr = typed(count) else { return nil }
            guard let needed = wholeNumber(countExpr, in: 0...1000) else {
                report(.error("E0219", count.range, Messages.atLeastNeedsWholeNumber, hint: nil))
                return nil
            }
            var typedItems: [TypedExpr] = []
            for item in items {
                guard let item = typed(item) else { return nil }
                guard requireFlag(item, Messages.atLeastItemsYesNo) else { return nil }
                typedItems.append(item)
            }
            return TypedExpr(.atLeast(needed, typedItems), .flag, range)
        case .approximately:
            report(.error("E0218", range, Messages.toleranceOutsideTest, hint: nil))
            return nil
        case .filtered:
            report(.error("E0268", range, Messages.filterOutsideStatistic, hint: nil))
            return nil
        }
    }

    /// A whole number in `range` written as a literal or a parameter (whose value a run may
    /// set; `--set` checks it stays whole and in range), or nil.
    func wholeNumber(_ expr: TypedExpr, in range: ClosedRange<Int>) -> Constant? {
        guard case .number(let n)? = Folder(params: params).fold(expr), n == n.rounded(),
              n >= Double(range.lowerBound), n <= Double(range.upperBound) else { return nil }
        return constant(expr, value: n)
    }

    /// A folded number as a `Constant`: a bare parameter, an expression that names parameters
    /// (so that a run's values reach it), or a literal.
    func constant(_ expr: TypedExpr, value: Double) -> Constant {
        if case .param(let index) = expr.kind { return .param(index) }
        var stack = [expr]
        while let node = stack.popLast() {
            if case .param = node.kind { return .expression(expr) }
            stack += node.children
        }
        return .literal(value)
    }

    mutating func requireNumber(_ expr: TypedExpr) -> Bool {
        if expr.type.isNumeric { return true }
        report(.error("E0201", expr.range, Messages.needsNumber(expr.type), hint: expr.type == .flag ? Messages.flagInArithmeticHint : nil))
        return false
    }

    /// A count against a share is an error: 25 pupils and 25 % are not comparable.
    mutating func compatibleUnits(_ left: TypedExpr, _ right: TypedExpr) -> Bool {
        let pair = (left.type, right.type)
        if (pair.0 == .count && pair.1 == .share) || (pair.0 == .share && pair.1 == .count) {
            report(.error("E0203", left.range.union(right.range), Messages.countVersusShare, hint: Messages.countVersusShareHint))
            return false
        }
        return true
    }

    /// `share > 50` (or against a parameter `= 50`) is almost surely meant as `share > 50%`: warn.
    mutating func lintShare(_ subject: TypedExpr, against bound: TypedExpr) {
        guard subject.type == .share, bound.type == .number, case .number(let value)? = Folder(params: params).fold(bound),
              value > 1 else { return }
        if case .param(let index) = bound.kind {
            // The fix belongs at the declaration (`= 50` → `= 50%`): warn there, once.
            let declaration = params[index].range
            guard !diagnostics.contains(where: { $0.code == "W0401" && $0.range == declaration }) else { return }
            report(.warning("W0401", declaration, Messages.shareParamAgainstShare(params[index].name, value),
                            hint: Messages.shareParamHint(params[index].name, value),
                            notes: [Diagnostic.Note(range: bound.range, message: Messages.shareParamUsedHere)]))
            return
        }
        report(.warning("W0401", bound.range, Messages.shareAgainstNumber(value), hint: Messages.shareAgainstNumberHint(value)))
    }

    mutating func binary(_ op: BinaryOperator, _ left: TypedExpr, _ right: TypedExpr, _ range: SourceRange) -> TypedExpr? {
        switch op {
        case .and, .or:
            guard requireFlag(left, Messages.logicNeedsYesNo), requireFlag(right, Messages.logicNeedsYesNo) else { return nil }
            return TypedExpr(.binary(op, left, right), .flag, range)
        case .add, .subtract, .multiply, .divide:
            guard left.type == .date || right.type == .date else {
                guard requireNumber(left), requireNumber(right) else { return nil }
                return TypedExpr(.binary(op, left, right), arithmeticType(op, left.type, right.type), range)
            }
            // date ± days is a date; date − date is a number of days.
            switch (op, left.type, right.type) {
            case (.add, .date, let other) where other.isNumeric && other != .any,
                 (.add, let other, .date) where other.isNumeric && other != .any,
                 (.subtract, .date, let other) where other.isNumeric && other != .any:
                return TypedExpr(.binary(op, left, right), .date, range)
            case (.subtract, .date, .date):
                return TypedExpr(.binary(op, left, right), .number, range)
            case (_, .date, .any), (_, .any, .date):
                return TypedExpr(.binary(op, left, right), op == .subtract ? .any : .date, range)
            default:
                report(.error("E0201", range, Messages.dateArithmetic(left.type, right.type), hint: nil))
                return nil
            }
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            if left.type == .date || right.type == .date {
                guard left.type.unified(with: right.type) == .date else {
                    report(.error("E0201", range, Messages.mismatchedTypes(left.type, right.type), hint: Messages.mismatchedTypesHint))
                    return nil
                }
                return TypedExpr(.binary(op, left, right), .flag, range)
            }
            if left.type == .text || right.type == .text || left.type == .flag || right.type == .flag {
                guard left.type.unified(with: right.type) != nil else {
                    report(.error("E0201", range, Messages.mismatchedTypes(left.type, right.type), hint: Messages.mismatchedTypesHint))
                    return nil
                }
                if op != .equal && op != .notEqual {
                    report(.error("E0201", range, Messages.orderNeedsNumbers, hint: nil))
                    return nil
                }
                return TypedExpr(.binary(op, left, right), .flag, range)
            }
            guard compatibleUnits(left, right) else { return nil }
            if op == .equal || op == .lessEqual || op == .less { lintPeriodsWithFired(op, left, right, range) }
            lintShare(left, against: right)
            lintShare(right, against: left)
            return TypedExpr(.binary(op, left, right), .flag, range)
        }
    }

    /// Units of arithmetic: counts add to counts, a count over a count is a share, a share
    /// minus a share is a share (percentage points); anything else is a plain number.
    func arithmeticType(_ op: BinaryOperator, _ left: ValueType, _ right: ValueType) -> ValueType {
        switch (op, left, right) {
        case (.add, .count, .count): .count
        case (.divide, .count, .count): .share
        case (.add, .share, .share), (.subtract, .share, .share): .share
        case (_, .any, let other), (_, let other, .any): other == .count && op == .divide ? .share : other
        default: .number
        }
    }

    mutating func call(_ name: Identifier, _ arguments: [Expr], _ groups: [Identifier]?, _ range: SourceRange) -> TypedExpr? {
        guard let function = BuiltinFunction.named(name.name) else {
            let hint = Suggestions.closest(to: name.name, among: BuiltinFunction.allNames).map(Messages.didYouMean)
            report(.error("E0205", name.range, Messages.unknownFunction(name.name), hint: hint ?? Messages.functionsHint))
            return nil
        }
        guard function.arity.contains(arguments.count) else {
            report(.error("E0206", range, Messages.wrongArity(name.name, function.arity), hint: .verbatim(function.example)))
            return nil
        }
        let kind = function.kind(argumentCount: arguments.count, hasGroups: groups != nil)
        if groups != nil && kind != .aggregate {
            report(.error("E0207", range, Messages.byOnlyForStatistics(name.name), hint: nil))
            return nil
        }
        // A statistic's subject may live in a lower space (a roll-up) and may carry a filter.
        var subjectSpace = space
        var rollup: Int?
        if kind == .aggregate {
            subjectSpace = naturalSpace(of: arguments[0])
            if subjectSpace != space {
                guard let link = rollupLink(from: subjectSpace, function: function, hasGroups: groups != nil, range: range) else { return nil }
                rollup = link
            }
        } else if let first = arguments.first, case .filtered = first.kind {
            report(.error("E0268", first.range, Messages.filterOutsideStatistic, hint: nil))
            return nil
        }
        if kind == .history, !spaces.isEmpty, case .rows = spaces[space].kind {
            report(.error("E0269", range, Messages.historyOutsideKeyedLevel, hint: nil))
            return nil
        }
        var typedArguments: [TypedExpr] = []
        for (position, argument) in arguments.enumerated() {
            let typedArgument = position == 0 && kind == .aggregate ? typedSubject(argument, in: subjectSpace) : typed(argument)
            guard let typedArgument else { return nil }
            typedArguments.append(typedArgument)
        }
        if function == .hasPrev { return hasPrev(typedArguments, range) }
        if let dated = dateFunction(function, arguments, typedArguments, range) { return dated.typed }
        let first = typedArguments[0]
        switch kind {
        case .scalar:
            switch function {
            case .fired, .decided, .applies:
                guard case .rule = first.kind else {
                    report(.error("E0243", first.range, Messages.outcomeFunctionNeedsRule(name.name), hint: .verbatim(function.example)))
                    return nil
                }
                return TypedExpr(.scalar(function, typedArguments), .flag, range)
            case .isMissing:
                return TypedExpr(.scalar(function, typedArguments), .flag, range)
            case .coalesce:
                var type = first.type
                for argument in typedArguments.dropFirst() {
                    guard let unified = type.unified(with: argument.type) else {
                        report(.error("E0201", argument.range, Messages.mismatchedTypes(type, argument.type), hint: nil))
                        return nil
                    }
                    type = unified
                }
                return TypedExpr(.scalar(function, typedArguments), type, range)
            default:
                var type = first.type
                for argument in typedArguments {
                    guard requireNumber(argument) else { return nil }
                    type = type.unified(with: argument.type) ?? .number
                }
                if function == .round, typedArguments.count == 2 {
                    guard case .number(let digits)? = Folder(params: params).fold(typedArguments[1]), digits == digits.rounded() else {
                        report(.error("E0208", typedArguments[1].range, Messages.needsConstantWholeNumber, hint: nil))
                        return nil
                    }
                }
                return TypedExpr(.scalar(function, typedArguments), function == .round ? first.type : type, range)
            }
        case .aggregate:
            var groupRefs: [ColumnRef] = []
            var groupKeys: [TypedExpr] = []
            for group in groups ?? [] {
                guard let key = groupKey(group) else { return nil }
                groupKeys.append(key)
                if case .column(let ref) = key.kind { groupRefs.append(ref) }
            }
            var extra: TypedExpr?
            if function == .percentile {
                extra = typedArguments[1]
                guard requireNumber(typedArguments[1]) else { return nil }
            }
            let type: ValueType
            switch function {
            case .count: type = .count
            case .rank: type = .count
            case .share:
                guard requireFlag(first, Messages.shareNeedsCondition) else { return nil }
                type = .share
            case .sum:
                if first.type == .flag { type = .count } else { guard requireNumber(first) else { return nil }; type = first.type }
            default:
                guard requireNumber(first) else { return nil }
                type = first.type == .count && function != .min && function != .max ? .number : first.type
            }
            if function == .rank { guard requireNumber(first) else { return nil } }
            if let rollup {
                return TypedExpr(.rollup(function, first, extra: extra, link: rollup), type, range)
            }
            if groupRefs.count < groupKeys.count {
                return TypedExpr(.aggregateBy(function, first, extra: extra, keys: groupKeys), type, range)
            }
            return TypedExpr(.aggregate(function, first, extra: extra, groups: groupRefs), type, range)
        case .history:
            var periods = Constant.literal(1)
            if typedArguments.count == 2 {
                guard let count = wholeNumber(typedArguments[1], in: 1...50) else {
                    report(.error("E0208", typedArguments[1].range, Messages.needsConstantWholeNumber, hint: Messages.periodsHint))
                    return nil
                }
                periods = count
            }
            guard datasets.contains(where: { $0.periodColumn != nil }) else {
                report(.error("E0241", range, Messages.historyNeedsPeriod, hint: Messages.historyNeedsPeriodHint))
                return nil
            }
            switch function {
            case .periodsWith:
                guard requireFlag(first, Messages.periodsWithNeedsCondition) else { return nil }
                return TypedExpr(.history(function, first, periods: periods), .count, range)
            case .change:
                guard requireNumber(first) else { return nil }
                return TypedExpr(.history(function, first, periods: .literal(1)), first.type == .share ? .share : .number, range)
            default:
                return TypedExpr(.history(function, first, periods: periods), first.type, range)
            }
        }
    }

    /// `has_prev([k])`: a history function without a subject; the subject slot holds `true`.
    mutating func hasPrev(_ arguments: [TypedExpr], _ range: SourceRange) -> TypedExpr? {
        var periods = Constant.literal(1)
        if let count = arguments.first {
            guard let whole = wholeNumber(count, in: 1...50) else {
                report(.error("E0208", count.range, Messages.needsConstantWholeNumber, hint: Messages.periodsHint))
                return nil
            }
            periods = whole
        }
        guard datasets.contains(where: { $0.periodColumn != nil }) else {
            report(.error("E0241", range, Messages.historyNeedsPeriod, hint: Messages.historyNeedsPeriodHint))
            return nil
        }
        return TypedExpr(.history(.hasPrev, TypedExpr(.constant(.flag(true)), .flag, range), periods: periods), .flag, range)
    }

    /// W0407: `periods_with(fired(r), n) = 0` (or `<= 0`, `< 1`) reads a period where `r` was
    /// undecided, or that has no row, as "did not fire".
    mutating func lintPeriodsWithFired(_ op: BinaryOperator, _ left: TypedExpr, _ right: TypedExpr, _ range: SourceRange) {
        guard case .history(.periodsWith, let subject, _) = left.kind,
              case .scalar(.fired, let arguments) = subject.kind, case .rule(let rule) = arguments.first?.kind,
              case .number(let bound)? = Folder(params: params).fold(right), op == .less ? bound <= 1 : bound < 1 else { return }
        warnUndecidedAsSilent(rule, negated: false, range)
    }

    mutating func warnUndecidedAsSilent(_ rule: Int, negated: Bool, _ range: SourceRange) {
        let name = ruleDecls[rule].name.name
        report(.warning("W0407", range, Messages.undecidedReadAsSilent(name),
                        hint: Messages.undecidedReadAsSilentHint(name, negated: negated)))
    }
}

extension Checker {
    /// The date functions: `date("…")` (a constant, checked here), `days_between`, `year_of`,
    /// `month_of`, `quarter_of` and `school_year_start()`. nil when `function` is not one of
    /// them; `typed` nil when it is, but wrongly used (reported).
    mutating func dateFunction(_ function: BuiltinFunction, _ arguments: [Expr], _ typedArguments: [TypedExpr],
                               _ range: SourceRange) -> (typed: TypedExpr?, Void)? {
        switch function {
        case .date:
            guard case .constant(.text(let text)) = typedArguments[0].kind else {
                report(.error("E0244", typedArguments[0].range, Messages.dateNeedsLiteral, hint: .verbatim(function.example)))
                return (nil, ())
            }
            guard let days = CalendarDates.parse(text, excelNumbers: false) else {
                report(.error("E0244", typedArguments[0].range, Messages.notADateLiteral(text), hint: nil))
                return (nil, ())
            }
            return (TypedExpr(.constant(.number(days)), .date, range), ())
        case .daysBetween, .yearOf, .monthOf, .quarterOf:
            for argument in typedArguments where argument.type != .date && argument.type != .any {
                report(.error("E0201", argument.range, Messages.needsDate, hint: .verbatim(function.example)))
                return (nil, ())
            }
            return (TypedExpr(.scalar(function, typedArguments), function == .daysBetween ? .number : .count, range), ())
        case .schoolYearStart:
            guard datasets.contains(where: { $0.periodColumn != nil }) else {
                report(.error("E0241", range, Messages.historyNeedsPeriod, hint: Messages.historyNeedsPeriodHint))
                return (nil, ())
            }
            return (TypedExpr(.scalar(function, []), .date, range), ())
        default:
            return nil
        }
    }
}
