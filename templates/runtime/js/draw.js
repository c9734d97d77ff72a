/* The final quiz's draw: a seeded choice of items balanced across modules, and seeded shuffles, so
 * that the same seed gives the same quiz on every device (a resume shows the same questions). */
Packager.define("draw", [], function () {
  "use strict";

  /* mulberry32: a small seeded PRNG. */
  function random(seedValue) {
    var a = seedValue >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var x = Math.imul(a ^ (a >>> 15), 1 | a);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
  }

  function shuffle(list, rand) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(rand() * (i + 1));
      var tmp = list[i]; list[i] = list[j]; list[j] = tmp;
    }
    return list;
  }

  function newSeed() {
    if (typeof crypto !== "undefined" && crypto.getRandomValues) return crypto.getRandomValues(new Uint32Array(1))[0];
    return Math.floor(Math.random() * 4294967296);
  }

  /* Balanced draw of `count` items ({id, module}): modules take turns (in a shuffled order), each
   * giving its next shuffled item. Returns the drawn ids and the generator, to shuffle choices next. */
  function draw(items, count, seedValue) {
    var rand = random(seedValue);
    var groups = {}, modules = [];
    items.forEach(function (item) {
      if (!groups[item.module]) { groups[item.module] = []; modules.push(item.module); }
      groups[item.module].push(item.id);
    });
    modules.forEach(function (m) { shuffle(groups[m], rand); });
    shuffle(modules, rand);
    var chosen = [];
    while (chosen.length < Math.min(count, items.length)) {
      modules.forEach(function (m) {
        if (chosen.length < count && groups[m].length) chosen.push(groups[m].shift());
      });
    }
    return { ids: shuffle(chosen, rand), rand: rand };
  }

  return { random: random, shuffle: shuffle, newSeed: newSeed, draw: draw };
});
