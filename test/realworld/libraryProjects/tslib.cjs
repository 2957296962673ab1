// Library project: tslib (TypeScript's runtime helpers, one CommonJS file) is the user's code here, driven by code as
// tsc emits it for ES5: __awaiter/__generator state machines, an async generator read with __asyncValues, __extends.
// @options timeoutMs=150000 maxEvents=3000000
const { __awaiter, __generator, __asyncGenerator, __await, __asyncValues, __spreadArray, __extends, __assign, __rest, __decorate, __classPrivateFieldGet, __classPrivateFieldSet, __values, __read } = require('./lib/tslib/tslib.js');
function delay(n) { return new Promise((r) => setTimeout(r, n)); }
function main() {
  return __awaiter(this, void 0, void 0, function () {
    var i, total, gen, _a, _b, v, e_1_1;
    var e_1, _c;
    return __generator(this, function (_d) {
      switch (_d.label) {
        case 0: total = 0; i = 0; _d.label = 1;
        case 1: if (!(i < 3)) return [3, 4]; return [4, delay(1)];
        case 2: _d.sent(); total += i; console.log('step', i, total); _d.label = 3;
        case 3: i++; return [3, 1];
        case 4:
          gen = function () { return __asyncGenerator(this, arguments, function () { var k; return __generator(this, function (_e) { switch (_e.label) { case 0: k = 0; _e.label = 1; case 1: if (!(k < 3)) return [3, 5]; return [4, __await(delay(1))]; case 2: _e.sent(); return [4, __await(k * 10)]; case 3: return [4, _e.sent()]; case 4: _e.sent(); k++; return [3, 1]; case 5: return [2]; } }); }); };
          _d.label = 5;
        case 5: _d.trys.push([5, 10, 11, 16]); _a = __asyncValues(gen()); _d.label = 6;
        case 6: return [4, _a.next()];
        case 7: if (!(_b = _d.sent(), !_b.done)) return [3, 9]; v = _b.value; console.log('async value', v); _d.label = 8;
        case 8: return [3, 6];
        case 9: return [3, 16];
        case 10: e_1_1 = _d.sent(); e_1 = { error: e_1_1 }; return [3, 16];
        case 11: _d.trys.push([11, , 14, 15]); if (!(_b && !_b.done && (_c = _a.return))) return [3, 13]; return [4, _c.call(_a)];
        case 12: _d.sent(); _d.label = 13;
        case 13: return [3, 15];
        case 14: if (e_1) throw e_1.error; return [7];
        case 15: return [7];
        case 16: return [2, total];
      }
    });
  });
}
var Base = (function () { function Base(n) { this.n = n; } Base.prototype.hi = function () { return 'base ' + this.n; }; return Base; })();
var Derived = (function (_super) { __extends(Derived, _super); function Derived() { return _super !== null && _super.apply(this, arguments) || this; } Derived.prototype.hi = function () { return 'derived/' + _super.prototype.hi.call(this); }; return Derived; })(Base);
console.log(new Derived(7).hi(), JSON.stringify(__assign({ a: 1 }, { b: 2 })), JSON.stringify(__rest({ a: 1, b: 2, c: 3 }, ['a'])), __spreadArray([1], [2, 3], false).join(','));
console.log(__read(__values([4, 5, 6]), 2).join('|'));
main().then((t) => console.log('main done', t));
