"""What people are called: a real name for a stand-in, a job or the idea's words.

* :mod:`.naming`: stand-in names (张三, "Food Delivery Rider", 摄影师) made real;
* :mod:`.jobs`: which names are only a job or the idea's own words for someone;
* :mod:`.spare`: the spare names and looks a newcomer is given;
* :mod:`.period`: an English ancient-style film's names in pinyin.
"""
